# LevitateOS live: start the conversational installer on the first console, once per boot.
# Leave it with /quit and start it again with `sudo levitate install`. Boot with
# `levitate.noautostart` on the kernel command line to get a plain shell instead.
if [ "$(tty 2>/dev/null)" = "/dev/tty1" ] \
  && ! grep -qw levitate.noautostart /proc/cmdline 2>/dev/null \
  && [ ! -e /tmp/.levitate-install-started ] \
  && command -v levitate >/dev/null 2>&1; then
  : > /tmp/.levitate-install-started
  # Partitioning and installing need root; the live user has passwordless sudo.
  sudo levitate install
fi
