# LevitateOS live: start the installer once per boot.
# With `levitate.plan=` on the kernel command line (LABEL=NAME:/file.json, an http URL, or a
# path), the unattended install runs on the first console the live user is logged in on (tty1,
# or the serial port of a headless machine): it shows the plan, counts down (any key cancels),
# installs, and powers off or reboots as the plan says. Otherwise the conversational installer
# starts on tty1. Leave it with /quit and start it again with `sudo levitate install`. Boot with
# `levitate.noautostart` on the kernel command line to get a plain shell instead.
levitate_tty=$(tty 2>/dev/null)
if ! grep -qw levitate.noautostart /proc/cmdline 2>/dev/null && command -v levitate >/dev/null 2>&1; then
  if grep -q 'levitate\.plan=' /proc/cmdline 2>/dev/null; then
    case "$levitate_tty" in
      /dev/tty1 | /dev/ttyS0 | /dev/console)
        # mkdir is atomic: only the first console to get here runs the install.
        if mkdir /run/levitate-unattended.started 2>/dev/null; then
          # Partitioning and installing need root; the live user has passwordless sudo.
          sudo levitate install --from-cmdline
        fi
        ;;
    esac
  elif [ "$levitate_tty" = "/dev/tty1" ] && [ ! -e /tmp/.levitate-install-started ]; then
    : > /tmp/.levitate-install-started
    sudo levitate install
  fi
fi
unset levitate_tty
