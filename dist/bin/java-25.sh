# Sourced by narwhal and narwhal-shell: sets $java to a Java 25 or newer (JAVA_HOME's, else the one on PATH), or
# says which was found instead and exits. $tool names the script in its messages.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "$tool: error: no java found; set JAVA_HOME to a JDK 25 or newer" >&2
  exit 1
fi
java_version="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
if [[ -z "$java_version" || "$java_version" -lt 25 ]]; then
  echo "$tool: error: Java 25 or newer is needed, found '${java_version:-unknown}' at $java; set JAVA_HOME, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 1
fi
