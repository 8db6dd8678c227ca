from seguimiento_desktop.cli.main import main

main()
