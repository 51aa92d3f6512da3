# Sourced by ./mvnw and ./casefile: point JAVA_HOME at a JDK 21 or newer.
# Keeps JAVA_HOME when it already names one; otherwise looks at `java` on PATH and /usr/lib/jvm.
casefile_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
casefile_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(casefile_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  best=""; bestv=0
  case $- in *f*) noglob=1; set +f ;; *) noglob=0 ;; esac
  for c in $(command -v javac >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v javac)")")") /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk*; do
    [ -x "$c/bin/javac" ] || continue
    v=$(casefile_java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$c; bestv=$v; fi
  done
  [ "$noglob" = 0 ] || set -f
  if [ -z "$best" ]; then
    echo "Casefile needs a JDK 21 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
casefile_find_jdk || exit 1
