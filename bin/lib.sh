# Shared by bin/run, bin/test and bench scripts: finding a JDK and talking to local ports.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The Java feature version of a java binary (17, 21, 25, ...), or nothing.
java_version_of() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# Sets JAVA_HOME and JAVA to a JDK >= 21: JAVA_HOME first, then the usual install folders (newest wins), then PATH.
find_jdk() {
  local candidates=() best="" best_version=0 home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
              "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -d "$home" ] && candidates+=("$home")
  done
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    version=$(java_version_of "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then best="$JAVA_HOME"; best_version=$version; fi
  fi
  if [ -z "$best" ]; then
    for home in "${candidates[@]}"; do
      [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
      version=$(java_version_of "$home/bin/java")
      if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then best="$home"; best_version=$version; fi
    done
  fi
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    version=$(java_version_of "$home/bin/java")
    if [ "${version:-0}" -ge 21 ]; then best="$home"; best_version=$version; fi
  fi
  if [ -z "$best" ]; then
    cat >&2 <<'MSG'
error: Social Live needs a JDK 21 or newer (25 recommended), and none was found
       (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks, /Library/Java and PATH).
Install one, then run this again:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk   (or temurin-25-jdk from adoptium.net)
  macOS:          brew install openjdk@21
  any system:     https://adoptium.net  — or set JAVA_HOME to a JDK >= 21 you already have
MSG
    exit 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
  JAVA_FEATURE=$best_version
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the body of GET http://127.0.0.1:$1$2 (empty on failure); curl when present, bash otherwise.
http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -s --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null || true
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 \
      && timeout 2 cat <&3 | sed '1,/^\r$/d') 2>/dev/null || true
  fi
}

# The Maven to build with: the project's wrapper (downloads Maven 3.9 once; needs curl or wget, and unzip), else a
# Maven on PATH. Sets MVN.
find_maven() {
  if ls "$HOME"/.m2/wrapper/dists/apache-maven-3.9.16*/*/bin/mvn >/dev/null 2>&1 \
     || { command -v unzip >/dev/null 2>&1 && { command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1; }; }; then
    MVN="$ROOT/mvnw"
  elif command -v mvn >/dev/null 2>&1; then
    MVN=mvn
  else
    die "building needs unzip and curl (for the Maven wrapper) or Maven itself: e.g. sudo apt-get install unzip curl"
  fi
}
