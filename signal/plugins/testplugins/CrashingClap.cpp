// A CLAP binary whose factory lookup dereferences null: the scanner must block it as
// "crashed: SIGSEGV" and go on.
#include "clap/abi/Entry.h"

#include <csignal>

namespace {
bool init(const char*) { return true; }
void deinit() {}
const void* getFactory(const char*)
{
    volatile int* nowhere = nullptr;
    *nowhere = 1;
    std::raise(SIGSEGV); // in case the store above was not a fault after all
    return nullptr;
}
} // namespace

extern "C" __attribute__((visibility("default"))) const loophole::clap::PluginEntry clap_entry {
    loophole::clap::hostVersion, init, deinit, getFactory
};
