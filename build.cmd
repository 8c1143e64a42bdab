@echo off
rem ML.AutoEncoderRec build entry point (Windows). Same commands as build.sh:
rem   build.cmd               build everything (Release)
rem   build.cmd test          build and run every test
rem   build.cmd run [-- ARGS] run the aerec CLI (no ARGS: the main job on data\ml-latest-small)
rem   build.cmd bench [ARGS]  run the benchmarks (JSON lines on stdout)
rem   build.cmd pack          build the library package and the aerec .NET tool into artifacts\
setlocal
cd /d "%~dp0"
set CONFIG=Release
set CMD=%1
if "%CMD%"=="" set CMD=build
if not "%1"=="" shift

if /i "%CMD%"=="build" (
  dotnet build ML.AutoEncoderRec.sln -c %CONFIG% -nologo -v quiet || exit /b 1
  exit /b 0
)
if /i "%CMD%"=="test" (
  dotnet build ML.AutoEncoderRec.sln -c %CONFIG% -nologo -v quiet || exit /b 1
  dotnet test ML.AutoEncoderRec.sln -c %CONFIG% --no-build -nologo || exit /b 1
  exit /b 0
)
if /i "%CMD%"=="run" (
  if "%1"=="--" shift
  dotnet build src\ML.AutoEncoderRec.Cli -c %CONFIG% -nologo -v quiet || exit /b 1
  dotnet src\ML.AutoEncoderRec.Cli\bin\%CONFIG%\net10.0\aerec.dll %1 %2 %3 %4 %5 %6 %7 %8 %9
  exit /b %ERRORLEVEL%
)
if /i "%CMD%"=="bench" (
  dotnet build bench\ML.AutoEncoderRec.Benchmarks -c %CONFIG% -nologo -v quiet || exit /b 1
  dotnet bench\ML.AutoEncoderRec.Benchmarks\bin\%CONFIG%\net10.0\ML.AutoEncoderRec.Benchmarks.dll %1 %2 %3 %4 %5 %6 %7 %8 %9
  exit /b %ERRORLEVEL%
)
if /i "%CMD%"=="pack" (
  dotnet pack src\ML.AutoEncoderRec -c %CONFIG% -nologo -o artifacts || exit /b 1
  dotnet pack src\ML.AutoEncoderRec.Cli -c %CONFIG% -nologo -o artifacts || exit /b 1
  exit /b 0
)
echo usage: build.cmd [build^|test^|run [-- ARGS]^|bench [ARGS]^|pack] 1>&2
exit /b 2
