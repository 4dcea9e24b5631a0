// loophole-plugin-scan: the crash-safe plugin scanner.
//   loophole-plugin-scan --json [--rescan] [--cache FILE] [--timeout S] [PATHS...]
//   loophole-plugin-scan --probe FORMAT PATH --out FILE     (internal: one probe child)
#include "ProbeProcess.h"
#include "PluginScanner.h"
#include "catalogue/CatalogueJson.h"

#include <juce_events/juce_events.h>

#include <iostream>

using namespace loophole::signal;

namespace {

int usage(const std::string& problem)
{
    std::cerr << "loophole-plugin-scan: " << problem << "\n"
              << "usage: loophole-plugin-scan --json [--rescan] [--cache FILE] [--timeout S] [PATHS...]\n";
    return 2;
}

int probe(int argc, char** argv)
{
    if (argc != 6 || std::string(argv[4]) != "--out")
        return usage("--probe needs FORMAT PATH --out FILE");
    const auto format = formatFromName(argv[2]);
    if (format == loophole::ipc::PluginFormat::None)
        return usage(std::string("unknown plugin format ") + argv[2]);
    // VST3 and LV2 hosting needs a message manager on this (the main) thread.
    const juce::ScopedJuceInitialiser_GUI juce;
    const int code = runProbe({ format, argv[3] }, argv[5]);
    std::fflush(nullptr);
    // Plugins' static destructors are as untrusted as their constructors: leave now.
    std::_Exit(code);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string(argv[1]) == "--probe")
        return probe(argc, argv);

    ScanOptions options;
    bool json = false;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--json") json = true;
        else if (arg == "--rescan") options.rescanAll = true;
        else if (arg == "--cache" && i + 1 < argc) options.cacheFile = argv[++i];
        else if (arg == "--timeout" && i + 1 < argc)
        {
            options.timeoutSeconds = std::atof(argv[++i]);
            if (! (options.timeoutSeconds > 0.0))
                return usage("--timeout needs a positive number of seconds");
        }
        else if (arg.rfind("--", 0) == 0) return usage("unknown option " + arg);
        else options.paths.push_back(arg);
    }
    if (! json)
        return usage("only --json output exists so far");

    options.probeExecutable = juce::File::getSpecialLocation(juce::File::currentExecutableFile).getFullPathName().toStdString();
    const auto started = juce::Time::getMillisecondCounterHiRes();
    auto report = scanPlugins(options, [](double done, const std::string& detail) {
        std::cerr << "[" << static_cast<int>(done * 100.0) << "%] " << detail << "\n";
    });
    std::vector<loophole::ipc::PluginDescriptionT> plugins;
    for (auto& p : report.catalogue.plugins)
        plugins.push_back(*p);
    auto* root = new juce::DynamicObject();
    root->setProperty("plugins", toJson(plugins));
    root->setProperty("probed", report.probed);
    root->setProperty("cached", report.cached);
    root->setProperty("seconds", (juce::Time::getMillisecondCounterHiRes() - started) / 1000.0);
    if (! report.warning.empty())
    {
        root->setProperty("warning", juce::String(report.warning));
        std::cerr << "loophole-plugin-scan: " << report.warning << "\n";
    }
    std::cout << juce::JSON::toString(juce::var(root)) << std::endl;
    return 0;
}
