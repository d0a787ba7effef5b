# Build the Windows installer: powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs Python 3.11 x64 and Inno Setup 6 (iscc on PATH). Not run on the project's Linux
# machines; the steps mirror packaging/build.sh. PyPI's torch for Windows is the CPU build
# (the default, smaller bundle); for the GPU bundle set
# $env:EFFNET_TORCH_INDEX = "https://download.pytorch.org/whl/cu130".
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
$work = "build\packaging"
Remove-Item -Recurse -Force $work, "dist\effnet-studio" -ErrorAction SilentlyContinue
py -3.11 -m venv "$work\venv"
$py = "$work\venv\Scripts\python.exe"
& $py -m pip install --upgrade pip
if ($env:EFFNET_TORCH_INDEX) {
    Get-Content constraints.txt | Where-Object { $_ -notmatch '^(torch|torchvision|nvidia-|cuda-|triton)' } | Set-Content "$work\constraints.txt"
    & $py -m pip install -c "$work\constraints.txt" --extra-index-url $env:EFFNET_TORCH_INDEX . pyinstaller
} else {
    & $py -m pip install -c constraints.txt . pyinstaller
}
$version = & $py -c "import effnet_app; print(effnet_app.__version__)"
& $py packaging\icons.py "$work\icons"
& "$work\venv\Scripts\pyinstaller.exe" --noconfirm --distpath dist --workpath "$work\pyinstaller" packaging\effnet-studio.spec
$env:QT_QPA_PLATFORM = "offscreen"
& "dist\effnet-studio\effnet-app.exe" --selftest   # the console twin of effnet-studio.exe
Remove-Item Env:QT_QPA_PLATFORM
iscc "/DAppVersion=$version" packaging\windows\effnet-studio.iss
