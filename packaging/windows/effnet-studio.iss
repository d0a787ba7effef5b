; Inno Setup script for EffNet Studio on Windows (x64). Built by packaging\windows\build.ps1,
; which makes the PyInstaller bundle first (dist\effnet-studio) and then runs
;     iscc /DAppVersion=0.1.0 packaging\windows\effnet-studio.iss
; Not built on the project's Linux machines; see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "EffNet Studio"
#define Exe "effnet-studio.exe"

[Setup]
AppId={{6C1F4E0B-3B8E-4F0A-9E25-2C7A51E1A7C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=EffNet Studio developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
; per-user install without admin rights is offered; all-users needs admin
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=effnet-studio-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\packaging\icons\effnet-studio.ico
UninstallDisplayIcon={app}\{#Exe}
; the bundle is several hundred MB (CPU) to gigabytes (CUDA): LZMA2 solid, 64 MB dictionary
Compression=lzma2/ultra64
SolidCompression=yes
LZMANumBlockThreads=4
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\effnet-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#Exe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#Exe}"; Tasks: desktopicon

[Registry]
; "Open with EffNet Studio" for pictures (listed, never made the default viewer)
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\shell\open\command"; ValueType: string; ValueData: """{app}\{#Exe}"" open ""%1"""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".jpg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".jpeg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".png"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".tif"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".tiff"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".webp"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#Exe}\SupportedTypes"; ValueType: string; ValueName: ".bmp"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.jpg\OpenWithList\{#Exe}"; ValueType: string; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.png\OpenWithList\{#Exe}"; ValueType: string; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.tif\OpenWithList\{#Exe}"; ValueType: string; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#Exe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Uninstalling removes {app} only: models, settings and downloaded weights live in the
; user's AppData folders, which the uninstaller leaves alone.
