; Inno Setup script: wraps dist\SeguimientoEgresados (from `make dist` on Windows) into one
; setup .exe that installs per user (no administrator rights needed on plantel PCs).
; Build on Windows: iscc /DAppVersion=0.1.0 build\installer.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C0E4D0A-5B55-4E59-9E7A-3D1F2B8C9A41}
AppName=Seguimiento de Egresados
AppVersion={#AppVersion}
AppPublisher=Seguimiento de Egresados
DefaultDirName={localappdata}\Programs\SeguimientoEgresados
DefaultGroupName=Seguimiento de Egresados
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=SeguimientoEgresados-{#AppVersion}-instalador
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "Crear un acceso directo en el escritorio"; Flags: unchecked

[Files]
Source: "..\dist\SeguimientoEgresados\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Seguimiento de Egresados"; Filename: "{app}\SeguimientoEgresados.exe"
Name: "{autodesktop}\Seguimiento de Egresados"; Filename: "{app}\SeguimientoEgresados.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\SeguimientoEgresados.exe"; Description: "Abrir Seguimiento de Egresados"; Flags: nowait postinstall skipifsilent
