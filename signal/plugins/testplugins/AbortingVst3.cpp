// A VST3 bundle whose GetPluginFactory aborts: the scanner must block it as "crashed: SIGABRT".
#include <cstdlib>

extern "C" {
__attribute__((visibility("default"))) bool ModuleEntry(void*) { return true; }
__attribute__((visibility("default"))) bool ModuleExit() { return true; }
__attribute__((visibility("default"))) void* GetPluginFactory() { std::abort(); }
}
