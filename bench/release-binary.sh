# Sourced by the bench scripts, from the repository's root: sets $jukebox to $JUKEBOX_BIN when given (a binary
# already built, e.g. to compare two builds), else to a release build made now.
if [ -n "${JUKEBOX_BIN:-}" ]; then
    jukebox="$JUKEBOX_BIN"
else
    swift build -c release --product jukebox >/dev/null
    jukebox=$PWD/.build/release/jukebox
fi
