// loophole-signal's command line.
#pragma once

#include <optional>
#include <string>

namespace loophole::signal {

struct Options
{
    std::string socketPath;        // empty = defaultSocketPath()
    std::string backend = "auto";  // jack, alsa, offline, auto
    std::string device;
    double sampleRate = 0;         // 0 = the device's choice (48000 for offline)
    int bufferSize = 0;            // 0 = the device's choice (256 for offline)
    float telemetryHz = 60.0f;     // for subscribers that ask for 0 Hz
    std::string isolation = "in-engine"; // where plugins marked Default run: in-engine, shared, per-vendor, per-plugin
    bool help = false;
};

/// Parses argv; on bad input returns nothing and sets `error` to what was wrong.
std::optional<Options> parseOptions(int argc, const char* const* argv, std::string& error);

std::string usage();

} // namespace loophole::signal
