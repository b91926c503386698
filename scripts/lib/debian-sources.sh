# shellcheck shell=bash
# The Debian archive entries this machine's apt is configured with, so builds fetch packages from the same mirror
# and nowhere else. Sourced by the scripts that build from Debian packages.
#
#   debian_main_entries   one line "URI SUITE" per enabled 'deb' entry with component main, in file order, from
#                         deb822 /etc/apt/sources.list.d/*.sources, then one-line /etc/apt/sources.list{,.d/*.list}
#   debian_mirror_for S   the URI of the first such entry for suite S (exit 1 when none)

debian_main_entries() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function has(list, word) { return (" " list " ") ~ ("[ \t]" word "[ \t]") }
      function flush(   n, m, u, s, i, j) {
        if (uris != "" && has(types, "deb") && has(comps, "main") && en != "no") {
          n = split(uris, u, /[ \t]+/); m = split(suites, s, /[ \t]+/)
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) if (s[j] != "") print u[i], s[j]
        }
        uris = ""; types = ""; comps = ""; suites = ""; en = ""
      }
      /^[ \t]*$/ { flush(); next }
      /^#/ { next }
      { key = tolower($1); $1 = ""; val = $0; sub(/^[ \t]+/, "", val) }
      key == "uris:" { uris = val }
      key == "types:" { types = val }
      key == "suites:" { suites = val }
      key == "components:" { comps = val }
      key == "enabled:" { en = tolower(val) }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" {
        i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ((" " $0 " ") ~ / main /) print $i, $(i+1) }' "$f"
  done
}

debian_mirror_for() {
  local uri
  uri=$(debian_main_entries | awk -v s="$1" '$2 == s { print $1; exit }')
  [ -n "$uri" ] || return 1
  echo "${uri%/}"
}
