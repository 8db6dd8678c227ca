; Inno Setup 6 script: wraps dist\SeguimientoEgresados (from `make dist` or the PyInstaller
; command in build\README.md, on Windows) into one setup .exe.
; Build on Windows:  iscc build\installer.iss     (the version is read from the built exe)
;
; The installer asks: «solo para mí» (no administrator rights; data in the user's
; %LOCALAPPDATA%) or «para todos los usuarios» (Program Files; one shared data folder in
; ProgramData that every account of the PC can write, for PCs shared by several Windows
; accounts or labs that wipe profiles). Upgrades replace the program files and keep the
; data; uninstalling keeps the data too.

#define ExeName "SeguimientoEgresados.exe"
#define DistDir AddBackslash(SourcePath) + "..\dist\SeguimientoEgresados"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(DistDir + "\" + ExeName)
#endif

[Setup]
AppId={{6C0E4D0A-5B55-4E59-9E7A-3D1F2B8C9A41}
AppName=Seguimiento de Egresados
AppVersion={#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Seguimiento de Egresados
DefaultDirName={autopf}\SeguimientoEgresados
DefaultGroupName=Seguimiento de Egresados
DisableProgramGroupPage=yes
; Per user by default; the first page offers «para todos los usuarios» (asks for rights).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 needs Windows 10 1809 or later, 64-bit.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\seguimiento_desktop\resources\icons\app.ico
UninstallDisplayIcon={app}\{#ExeName}
UninstallDisplayName=Seguimiento de Egresados
OutputDir=..\dist
OutputBaseFilename=SeguimientoEgresados-{#AppVersion}-instalador
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "Crear un acceso directo en el escritorio"; Flags: unchecked

[InstallDelete]
; An upgrade starts from a clean program folder: files an older version shipped and this one
; does not (modules, Qt plugins) must not linger and be loaded. Data never live here.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; All-users installs: one data folder for every account, writable by the plantel's users,
; kept when the program is uninstalled.
Name: "{commonappdata}\SeguimientoEgresados"; Permissions: users-modify; Flags: uninsneveruninstall; Check: IsAdminInstallMode

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
; The marker that makes the app use the shared folder (seguimiento_desktop/paths.py).
Source: "compartido.txt"; DestDir: "{app}"; Flags: ignoreversion; Check: IsAdminInstallMode

[Icons]
Name: "{autoprograms}\Seguimiento de Egresados"; Filename: "{app}\{#ExeName}"
Name: "{autodesktop}\Seguimiento de Egresados"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#ExeName}"; Description: "Abrir Seguimiento de Egresados"; Flags: nowait postinstall skipifsilent

; Uninstalling removes only the files installed above: the data folders (%LOCALAPPDATA%,
; ProgramData, or datos\ beside a portable copy) and their backups stay.
