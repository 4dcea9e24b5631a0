// CLAP ABI: the version triple a host and plugin exchange (declared from the published spec).
#pragma once

#include <cstdint>

namespace loophole::clap {

struct Version
{
    uint32_t major;
    uint32_t minor;
    uint32_t revision;
};

/// The CLAP version this host speaks; plugins built for any 1.x accept it.
inline constexpr Version hostVersion { 1, 1, 10 };

/// Plugins are compatible when their major version is at least 1 (0.x was pre-release).
inline constexpr bool isCompatible(Version v) noexcept { return v.major >= 1; }

using Id = uint32_t;
inline constexpr Id invalidId = UINT32_MAX;

inline constexpr int nameSize = 256;
inline constexpr int pathSize = 1024;

} // namespace loophole::clap
