// A CLAP binary whose entry init never returns: the scanner must kill it after its timeout.
#include "clap/abi/Entry.h"

#include <unistd.h>

namespace {
bool init(const char*)
{
    for (;;)
        pause();
}
void deinit() {}
const void* getFactory(const char*) { return nullptr; }
} // namespace

extern "C" __attribute__((visibility("default"))) const loophole::clap::PluginEntry clap_entry {
    loophole::clap::hostVersion, init, deinit, getFactory
};
