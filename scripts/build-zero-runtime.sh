#!/usr/bin/env bash
# Zero-runtime C# (src/LibvirtNss.System/README.md): compiles C# sources together with the
# project's own system library (src/LibvirtNss.System/*.cs) into one assembly (csc), that
# assembly into one object (ilc, the SDK's NativeAOT compiler, with the assembly as its own
# system module), and the object into a shared library that needs only libc (clang + lld; and
# libpthread.so.0, for glibc before 2.34: "Older glibc" below).
#
#   scripts/build-zero-runtime.sh [--version-script FILE] [--soname NAME] [-D SYMBOL]...
#                                 [--default-versions] OUT.so SOURCE_DIR_OR_FILE...
#
# A directory contributes its *.cs files (not recursive). Intermediate files go to
# OUT's directory, obj/; OUT itself is stripped. Without --version-script, the exports are the
# [UnmanagedCallersOnly] entry points the object defines (everything else is local).
# --default-versions links every libc import at its default version, as a plain link would (a
# test build: the one that needs glibc 2.34, see "Older glibc" below).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

version_script= soname= defines=() default_versions=
while [ $# -gt 0 ]; do
    case $1 in
        --version-script) version_script=$2; shift 2 ;;
        --soname) soname=$2; shift 2 ;;
        -D) defines+=("$2"); shift 2 ;;
        --default-versions) default_versions=1; shift ;;
        --) shift; break ;;
        -*) echo "build-zero-runtime: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -ge 2 ] || { sed -n '7,8p' "$0" | sed 's/^# *//' >&2; exit 2; }
out=$1; shift

sources=("$top"/src/LibvirtNss.System/*.cs)
for s in "$@"; do
    if [ -d "$s" ]; then sources+=("$s"/*.cs); else sources+=("$s"); fi
done

# The SDK's compiler, and the ILCompiler package `make restore` put in the NuGet cache: the
# version this SDK's NativeAOT uses for its newest target framework (the first
# ILCompilerPackVersion in the SDK's bundled versions), else the newest one restored.
dotnet=${DOTNET:-dotnet}
dotnet_root=$(dirname "$(readlink -f "$(command -v "$dotnet")")")
sdk=$("$dotnet" --version)
csc=$dotnet_root/sdk/$sdk/Roslyn/bincore/csc.dll
nuget=${NUGET_PACKAGES:-$HOME/.nuget/packages}
# .NET's name for an architecture: x64 or arm64 (uname -m, Debian's and RPM's names alike).
dotnet_arch() {
    case $1 in
        x64|x86_64|amd64) echo x64 ;;
        arm64|aarch64) echo arm64 ;;
        *) echo "build-zero-runtime: unsupported architecture $1" >&2; return 1 ;;
    esac
}
# The ILCompiler package is the build machine's (ilc runs here); one package compiles for every
# target architecture (--targetarch), so a cross build needs no other.
host_arch=$(dotnet_arch "$(uname -m)")
ilc_pkg=$nuget/runtime.linux-$host_arch.microsoft.dotnet.ilcompiler
ilc_version=$(sed -n 's/.*ILCompilerPackVersion="\([^"]*\)".*/\1/p' \
                "$dotnet_root/sdk/$sdk/Microsoft.NETCoreSdk.BundledVersions.props" 2>/dev/null | head -1)
[ -n "$ilc_version" ] && [ -x "$ilc_pkg/$ilc_version/tools/ilc" ] ||
    ilc_version=$(ls "$ilc_pkg" 2>/dev/null | sort -V | tail -1)
ilc=$ilc_pkg/$ilc_version/tools/ilc
[ -f "$csc" ] || { echo "build-zero-runtime: no csc at $csc" >&2; exit 1; }
[ -x "$ilc" ] || { echo "build-zero-runtime: no ilc under $ilc_pkg (run make restore)" >&2; exit 1; }

name=$(basename "$out" .so)
obj=$(dirname "$out")/obj
mkdir -p "$obj"
dll=$obj/$name.dll o=$obj/$name.o unstripped=$obj/$name.so

# ZERO_RUNTIME: the sources are compiled for this build, not for .NET (Core's OS calls,
# src/LibvirtNss.Core/Os/Libc.cs); TARGET_ARM64 when ilc compiles for aarch64.
targetarch=$(dotnet_arch "${ZR_TARGET_ARCH:-$host_arch}")
define_args=(/define:ZERO_RUNTIME)
[ "$targetarch" = arm64 ] && define_args+=(/define:TARGET_ARM64)
for d in "${defines[@]}"; do define_args+=("/define:$d"); done

# One assembly: the system library and the program. /nostdlib: it is its own corlib.
"$dotnet" "$csc" /noconfig /nostdlib /nologo /runtimemetadataversion:v4.0.30319 /unsafe \
    /target:library /langversion:latest /nullable:enable /optimize+ /deterministic /warnaserror+ \
    "${define_args[@]}" /out:"$dll" "${sources[@]}"

# --noscan: compile what the exports reach without the runtime's type scan (which requires
# dozens of runtime types). --directpinvoke:libc: libc calls are bound at link time.
"$ilc" "$dll" --systemmodule:"$name" --nativelib --export-unmanaged-entrypoints -O --noscan \
    --directpinvoke:libc --targetos:linux --targetarch:"$targetarch" -o "$o"

# Class constructors never run: nothing calls ILC's start-up code (there is no runtime to), so a
# static field whose initializer ILC could not evaluate at compile time would silently stay zero.
# The subset allows only initializers ILC pre-initializes (constants and arithmetic on them).
cctors=$(nm "$o" | awk '$2 ~ /^[tT]$/ && $3 ~ /___cctor$/ { print $3 }')
if [ -n "$cctors" ]; then
    echo "build-zero-runtime: static initializers that would never run (not evaluable at compile time):" >&2
    echo "$cctors" | sed 's/^/    /' >&2
    exit 1
fi

if [ -z "$version_script" ]; then
    # The exports: the object's global functions less the managed methods (named <assembly>_...),
    # the runtime helpers (Rhp*, RuntimeExports.cs) and ILC's start-up code (__managed__Startup).
    version_script=$obj/$name.ver
    exports=$(nm --defined-only -g "$o" | awk '$2 == "T" { print $3 }' |
              grep -v -E "^(Rhp|__|Internal_CompilerGenerated_|${name}_)" | sort)
    { echo '{'; echo '    global:'; for e in $exports; do echo "        $e;"; done
      echo '    local: *;'; echo '};'; } > "$version_script"
fi

# Older glibc (src/LibvirtNss.System/README.md, "glibc"): the library loads on glibc 2.17 and
# later, whichever glibc it is linked against. Its imports are all as old, but for the
# fault recovery's pthread_key_*: glibc 2.34 moved them from libpthread.so.0 into libc.so.6 under
# a new default version (GLIBC_2.34), keeping the version they had before as an alias of the same
# function, and a reference to GLIBC_2.34 does not load on an older glibc. So each pthread_*
# import is bound to the oldest version libc.so.6 defines at the address of its default one (the
# version it had in libpthread: GLIBC_2.2.5 on x86-64, GLIBC_2.17 on aarch64, read from the
# libc.so.6 of the link, never written here; an older version at another address is another
# function), by naming the object's undefined symbol NAME@VERSION, which lld binds to that
# version. And libpthread.so.0 is needed: before 2.34 the functions are there; from 2.34 on it
# is glibc's empty compatibility library, kept so that programs linked before still load. On a
# glibc before 2.34 libc.so.6 has no such function and nothing is bound: the link takes them
# from libpthread.so.0, under their only version.
#
# Another target than the build machine's (a cross build, docs/arm64.md): clang links for the
# target's triple, against Debian's cross libc (libc6-dev-arm64-cross, under /usr/aarch64-linux-gnu)
# unless CC_ZERO_RUNTIME names a --sysroot; that libc.so.6 is the one read. LLVM's objcopy and
# strip handle every architecture (the build machine's binutils know x86 alone).
cc=(${CC_ZERO_RUNTIME:-clang}) objcopy=objcopy strip=strip libc_so=
if [ "$targetarch" != "$host_arch" ]; then
    case $targetarch in arm64) triple=aarch64-linux-gnu ;; x64) triple=x86_64-linux-gnu ;; esac
    cc+=(--target="$triple")
    if [[ " ${cc[*]} " != *" --sysroot="* ]]; then
        cross_libdir=${ZR_CROSS_LIBDIR:-/usr/$triple/lib}
        cc+=(-L"$cross_libdir")
        libc_so=$cross_libdir/libc.so.6
    fi
    objcopy=llvm-objcopy strip=llvm-strip
fi
[ -n "$libc_so" ] || libc_so=$("${cc[@]}" -print-file-name=libc.so.6)
[ -f "$libc_so" ] || { echo "build-zero-runtime: no libc.so.6 where ${cc[*]} links from" >&2; exit 1; }
bindings=() pthread=(-Wl,--push-state,--no-as-needed -l:libpthread.so.0 -Wl,--pop-state)
[ -n "$default_versions" ] && pthread=()
for symbol in $(nm -u "$o" | awk '$2 ~ /^pthread_/ { print $2 }'); do
    version=$(readelf --dyn-syms -W "$libc_so" | awk -v name="$symbol" '
        $7 != "UND" { split($8, v, "@"); if (v[1] == name) { n++; value[n] = $2; ver[n] = $8 } }
        END {
            for (i = 1; i <= n; i++) if (ver[i] ~ /@@/) default_value = value[i]
            for (i = 1; i <= n; i++) if (value[i] == default_value) { sub(/^[^@]*@+/, "", ver[i]); print ver[i] }
        }' | sort -V | sed -n 1p)
    [ -n "$version" ] && [ -z "$default_versions" ] && bindings+=(--redefine-sym "$symbol=$symbol@$version")
done
if [ ${#bindings[@]} -gt 0 ]; then
    bound=$obj/$name.bound.o
    "$objcopy" "${bindings[@]}" "$o" "$bound"
else
    bound=$o
fi

# Only libc (and libpthread, above): no C runtime start files (no constructors to run), no
# libgcc; every symbol must resolve (--no-undefined). zero-runtime.ld defines the cookie and the
# GC-poll flag.
link=(-shared -fuse-ld=lld -nostdlib -Wl,--no-undefined -Wl,-z,now -Wl,-z,relro -Wl,-z,noexecstack
      -Wl,--gc-sections -Wl,--hash-style=both -Wl,--build-id=sha1 -Wl,--version-script="$version_script"
      "$bound" "$top/src/LibvirtNss.System/zero-runtime.ld" -lc "${pthread[@]}")
[ -n "$soname" ] && link+=(-Wl,-soname,"$soname")
"${cc[@]}" "${link[@]}" -o "$unstripped"
"$strip" --strip-all -o "$out" "$unstripped"
