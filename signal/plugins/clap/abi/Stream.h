// CLAP ABI: byte streams the state extension reads from and writes to.
#pragma once

#include <cstdint>

namespace loophole::clap {

struct InputStream
{
    void* ctx;
    int64_t (*read)(const InputStream* stream, void* buffer, uint64_t size); // bytes read, 0 = end, <0 = error
};

struct OutputStream
{
    void* ctx;
    int64_t (*write)(const OutputStream* stream, const void* buffer, uint64_t size); // bytes written, <0 = error
};

} // namespace loophole::clap
