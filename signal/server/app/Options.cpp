#include "app/Options.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace loophole::signal {

std::string usage()
{
    return "usage: loophole-signal [options]\n"
           "  --socket PATH         where to listen (default $XDG_RUNTIME_DIR/loophole/signal.sock,\n"
           "                        else /tmp/loophole-$UID/signal.sock)\n"
           "  --backend NAME        jack, alsa, offline or auto (default auto: JACK if a server\n"
           "                        runs, else ALSA, else the offline clock)\n"
           "  --device NAME         the backend's device (default: its default device)\n"
           "  --sample-rate HZ      (default: the device's)\n"
           "  --buffer-size FRAMES  (default: the device's)\n"
           "  --telemetry-hz HZ     telemetry rate for subscribers that ask for 0 (default 60)\n"
           "  --isolation MODE      where plugins without a mode of their own run: in-engine,\n"
           "                        shared (one sandbox process), per-vendor or per-plugin\n"
           "                        (default in-engine)\n"
           "  --help                this text\n";
}

std::optional<Options> parseOptions(int argc, const char* const* argv, std::string& error)
{
    Options options;
    auto number = [&](const std::string& name, const char* text, double low, double high) -> std::optional<double> {
        char* end = nullptr;
        const double value = std::strtod(text, &end);
        if (end == text || *end != '\0' || ! std::isfinite(value) || value < low || value > high) {
            error = name + " expects a number from " + std::to_string(int(low)) + " to "
                  + std::to_string(int(high)) + ", not \"" + text + "\"";
            return std::nullopt;
        }
        return value;
    };
    // One of a few words: "NAME must be a, b or c, not "x"" otherwise.
    auto word = [&](const std::string& name, const char* text, const std::vector<std::string>& words) -> std::optional<std::string> {
        if (std::find(words.begin(), words.end(), text) != words.end())
            return std::string(text);
        error = name + " must be ";
        for (size_t w = 0; w < words.size(); ++w)
            error += words[w] + (w + 2 < words.size() ? ", " : w + 2 == words.size() ? " or " : "");
        error += std::string(", not \"") + text + "\"";
        return std::nullopt;
    };

    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            continue;
        }
        if (i + 1 >= argc) {
            error = arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unknown argument " + arg;
            return std::nullopt;
        }
        const char* value = argv[++i];
        if (arg == "--socket") {
            options.socketPath = value;
        } else if (arg == "--backend") {
            auto backend = word(arg, value, { "jack", "alsa", "offline", "auto" });
            if (! backend) return std::nullopt;
            options.backend = *backend;
        } else if (arg == "--device") {
            options.device = value;
        } else if (arg == "--sample-rate") {
            auto rate = number(arg, value, 8000, 384000);
            if (! rate) return std::nullopt;
            options.sampleRate = *rate;
        } else if (arg == "--buffer-size") {
            auto frames = number(arg, value, 16, 8192);
            if (! frames) return std::nullopt;
            options.bufferSize = int(*frames);
        } else if (arg == "--isolation") {
            auto isolation = word(arg, value, { "in-engine", "shared", "per-vendor", "per-plugin" });
            if (! isolation) return std::nullopt;
            options.isolation = *isolation;
        } else if (arg == "--telemetry-hz") {
            auto hz = number(arg, value, 1, 1000);
            if (! hz) return std::nullopt;
            options.telemetryHz = float(*hz);
        } else {
            error = "unknown option " + arg;
            return std::nullopt;
        }
    }
    return options;
}

} // namespace loophole::signal
