// Xlib's default error handler exits the process. Plugin editors make harmless X errors
// (e.g. a property set with an atom that has no window manager to define it), and JUCE
// only installs its own handler in JUCEApplication programs, so the host installs one.
#pragma once

namespace loophole::signal {

/// Idempotent; call before any plugin editor talks to the X server.
void makeXErrorsNonFatal();

} // namespace loophole::signal
