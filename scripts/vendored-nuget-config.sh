#!/bin/sh
# Prints the nuget.config of a package build: the vendored feed FEED_DIR (the source package's
# nuget/, see scripts/make-dist.sh) is the only NuGet source; <clear/> drops every source and
# fallback folder a user or machine configuration would add, so a restore that needs anything
# else fails instead of reaching the network. The package builds write it to the tree's root,
# where NuGet looks for it from every project.
#   scripts/vendored-nuget-config.sh FEED_DIR > nuget.config
set -eu
feed=$(realpath "${1:?feed directory}")
[ -d "$feed" ] || { echo "vendored-nuget-config: no feed at $feed" >&2; exit 1; }
cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="vendored" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
  </fallbackPackageFolders>
</configuration>
XML
