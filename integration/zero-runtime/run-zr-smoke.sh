#!/usr/bin/env bash
# Zero-runtime C# (src/LibvirtNss.System/README.md), proven on the smoke library: the C host
# tests/ZeroRuntime.Smoke/smoke-host.c checks every export's answers and fault recovery; this
# script adds the library's ELF interface (only libc needed, only the zr_smoke_ exports), the
# shape of the code fault recovery depends on, the no-C rule, that the same smoke sources
# compile against .NET's own reference assemblies and answer the same when built by .NET's
# NativeAOT, and that the system library's public API is .NET's.
#   SUITE=zr-smoke RESULTS=dir [ZR_BUILD_STATUS=n] run-zr-smoke.sh build/zr-smoke/libzr_smoke.so
# Writes "<passed> <failed>" to RESULTS/zr-smoke.counts.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
lib=${1:?usage: run-zr-smoke.sh LIB.so}
SUITE=${SUITE:-zr-smoke} RESULTS=${RESULTS:-$top/build/test-results}
. "$top/scripts/tap-checks.sh"

smoke=$top/tests/ZeroRuntime.Smoke
out=$(dirname "$lib")
obj=$out/obj/$(basename "$lib" .so).o

check "the smoke library builds (make zr-smoke: csc, ilc, clang)" test "${ZR_BUILD_STATUS:-0}" = 0 -a -f "$lib"
[ -f "$lib" ] && [ "${ZR_BUILD_STATUS:-0}" = 0 ] || finish

# The host's own checks, one line each (a crash midway fails the exit-status check).
host=$out/smoke-host
run_host() { # prefix host-arguments...
    local prefix=$1 line; shift
    while IFS= read -r line; do
        case $line in
            "ok - "*) ok "$prefix${line#ok - }" ;;
            "not ok - "*) nok "$prefix${line#not ok - }" ;;
            "exit "*) same "${prefix}smoke-host ran to the end and passed (exit status)" 0 "${line#exit }" ;;
            "#"*) echo "$line" ;;
            *) echo "# $line" ;;
        esac
    done < <("$host" "$@" 2>&1; echo "exit $?")
}
rm -f "$host"
if cc -O2 -Wall -Wextra -Werror -pthread -o "$host" "$smoke/smoke-host.c" -ldl; then
    ok "smoke-host.c builds"
    run_host "" "$lib"
else
    nok "smoke-host.c builds"
fi

# The ELF interface: libc only (and libpthread.so.0, where glibc before 2.34 has pthread_key_*:
# scripts/build-zero-runtime.sh), the zr_smoke_ exports only, every import from glibc.
same "NEEDED: libc.so.6 and libpthread.so.0 only" "libc.so.6 libpthread.so.0" \
    "$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ' | sed 's/ $//')"
expected=$(grep -ho 'EntryPoint = "zr_smoke_[a-z_0-9]*"' "$smoke"/*.cs | sed 's/.*"\(.*\)"/\1/' | sort | tr '\n' ' ')
same "exports: exactly the sources' [UnmanagedCallersOnly] entry points ($(echo $expected | wc -w))" "$expected" \
    "$(nm -D --defined-only "$lib" | awk '{ print $3 }' | sort | tr '\n' ' ')"
same "every undefined dynamic symbol is glibc's" "" \
    "$(nm -D --undefined-only "$lib" | awk '{ print $2 }' | grep -v '@GLIBC_' | tr '\n' ' ')"
same "no text relocations" "" "$(readelf -d "$lib" | grep -E 'TEXTREL')"
same "non-executable stack" "RW" "$(readelf -lW "$lib" | awk '$1 == "GNU_STACK" { print $7 }')"
check "bound at load time (BIND_NOW)" sh -c "readelf -d '$lib' | grep -q 'FLAGS.*NOW'"
size=$(stat -c %s "$lib")
check "stripped library under 64 KiB ($size bytes)" test "$size" -lt 65536

# Fault recovery depends on _setjmp being called in Fault.TryRun's own frame (FaultRecovery.cs):
# exactly one call to _setjmp in the object, inside TryRun, and TryRun calls the body itself.
calls=$(objdump -dr --no-show-raw-insn "$obj" 2>/dev/null |
        awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 } /R_X86_64_PLT32[ \t]+_setjmp/ { print fn }')
same "_setjmp is called once, in Fault.TryRun itself (not in a stub that returns)" \
    "<$(basename "$lib" .so)_LibvirtNss_ZeroRuntime_Fault__TryRun>:" "$calls"

# What the subset forbids fails the build instead of misbehaving: a static initializer ILC cannot
# evaluate at compile time (its class constructor would never run), a heap allocation
# (RhpNewFast: there is no GC heap).
probe=$out/probe
rm -rf "$probe" && mkdir -p "$probe/cctor" "$probe/heap"
cat > "$probe/cctor/P.cs" <<'CS'
using System.Runtime.InteropServices;
static class P
{
    [DllImport("libc")] static extern int getpid();
    static readonly int s_pid = getpid();
    [UnmanagedCallersOnly(EntryPoint = "zr_probe")] static int Probe() => s_pid;
}
CS
cat > "$probe/heap/P.cs" <<'CS'
using System.Runtime.InteropServices;
class Box { public int Value; }
static class P
{
    static Box? s_box;
    [UnmanagedCallersOnly(EntryPoint = "zr_probe")] static int Probe(int v) { s_box = new Box { Value = v }; return s_box.Value; }
}
CS
msg=$("$top/scripts/build-zero-runtime.sh" "$probe/cctor/libzr_probe.so" "$probe/cctor" 2>&1)
check "a static initializer that would never run fails the build" \
    sh -c '[ ! -e "$1" ] && echo "$2" | grep -q "static initializers that would never run"' _ "$probe/cctor/libzr_probe.so" "$msg"
msg=$("$top/scripts/build-zero-runtime.sh" "$probe/heap/libzr_probe.so" "$probe/heap" 2>&1)
check "a heap allocation fails the build (undefined RhpNewFast)" \
    sh -c '[ ! -e "$1" ] && echo "$2" | grep -q "undefined symbol: RhpNewFast"' _ "$probe/heap/libzr_probe.so" "$msg"

# Rule: no C in the system library (nor anything it builds from).
same "no C source in src/LibvirtNss.System" "" "$(find "$top/src/LibvirtNss.System" -name '*.[ch]')"

# The same smoke sources compile against real .NET (its reference assemblies, with the
# exception-based Fault of src/LibvirtNss.System/DotNet/).
dotnet=${DOTNET:-dotnet}
root=$(dirname "$(readlink -f "$(command -v "$dotnet")")")
refdir=$(ls -d "$root"/packs/Microsoft.NETCore.App.Ref/*/ref/net* 2>/dev/null | sort -V | tail -1)
csc=$root/sdk/$("$dotnet" --version)/Roslyn/bincore/csc.dll
mkdir -p "$out/dotnet"
if [ -n "$refdir" ] && msg=$("$dotnet" "$csc" /noconfig /nostdlib /nologo /unsafe /target:library /langversion:latest \
        /nullable:enable /warnaserror+ $(for r in "$refdir"/*.dll; do echo "/r:$r"; done) \
        /out:"$out/dotnet/zr_smoke_dotnet.dll" "$top"/src/LibvirtNss.System/DotNet/*.cs "$smoke"/*.cs 2>&1); then
    ok "the smoke sources compile against .NET's reference assemblies ($(basename "$(dirname "$(dirname "$refdir")")"))"
else
    nok "the smoke sources compile against .NET's reference assemblies"
    echo "$msg" | sed 's/^/# /'
fi

# The same C# built by .NET's own NativeAOT (the runtime inside, DotNet/Fault.cs for recovery)
# gives the host the same answers, but where the worlds differ by design (smoke-host.c --dotnet).
aot=$out/dotnet-aot
mkdir -p "$aot"
cat > "$aot/zr_smoke_dotnet.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>libzr_smoke_dotnet</AssemblyName>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>enable</Nullable>
    <PublishAot>true</PublishAot>
    <NativeLib>Shared</NativeLib>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
    <SelfContained>true</SelfContained>
    <InvariantGlobalization>true</InvariantGlobalization>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$smoke/*.cs" />
    <Compile Include="$top/src/LibvirtNss.System/DotNet/*.cs" />
  </ItemGroup>
</Project>
XML
if [ -x "$host" ] && msg=$(cd "$aot" && flock "$top/build/.dotnet.lock" "$dotnet" publish -c Release --nologo \
        -p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false -o "$aot/out" 2>&1); then
    ok "real .NET: the smoke sources build with .NET's NativeAOT ($(stat -c %s "$aot/out/libzr_smoke_dotnet.so") bytes)"
    run_host "real .NET: " "$aot/out/libzr_smoke_dotnet.so" --dotnet
else
    nok "real .NET: the smoke sources build with .NET's NativeAOT"
    echo "$msg" | tail -20 | sed 's/^/# /'
fi

# The system library's public API is .NET's (ApiSurface.cs): every public type and member outside
# LibvirtNss.ZeroRuntime exists in .NET with the same signature.
tool=$out/api/ApiSurface.dll
mkdir -p "$out/api"
if [ -n "$refdir" ] && msg=$("$dotnet" "$csc" /noconfig /nostdlib /nologo /target:exe /langversion:latest /nullable:enable \
        /warnaserror+ $(for r in "$refdir"/*.dll; do echo "/r:$r"; done) /out:"$tool" "$top/integration/zero-runtime/ApiSurface.cs" 2>&1); then
    printf '{"runtimeOptions":{"tfm":"net10.0","rollForward":"LatestMajor","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}\n' \
        > "${tool%.dll}.runtimeconfig.json"
    report=$("$dotnet" exec "$tool" "$out/obj/$(basename "$lib" .so).dll" 2>&1); status=$?
    summary=$(echo "$report" | sed -n 's/^# //p')
    if [ $status -eq 0 ]; then ok "the system library's public API is .NET's ($summary)"
    else nok "the system library's public API is .NET's"; echo "$report" | sed 's/^/# /'; fi
else
    nok "ApiSurface.cs builds"
    echo "$msg" | sed 's/^/# /'
fi

finish
