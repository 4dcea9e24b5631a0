#include "PluginHosts.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace loophole::signal::testing {

std::vector<pid_t> pluginHostsOf(pid_t parent)
{
    std::vector<pid_t> hosts;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const auto name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')'); // the command name in parentheses may hold anything
        if (close == std::string::npos)
            continue;
        char state = 0;
        int ppid = 0;
        if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) != 2 || ppid != parent || state == 'Z')
            continue;
        std::ifstream cmdline(entry.path() / "cmdline");
        std::string command;
        std::getline(cmdline, command, '\0');
        if (command.find("loophole-plugin-host") != std::string::npos)
            hosts.push_back(std::stoi(name));
    }
    return hosts;
}

std::optional<ipc::PluginDescriptionT> scanPlugin(SignalClient& client, const std::string& path)
{
    ipc::ScanPluginsT scan;
    scan.paths = { path };
    const auto scanned = client.request(SignalClient::frameOf(std::move(scan)), 120s);
    if (! scanned || scanned->body.type != ipc::Body::PluginCatalogue || scanned->body.AsPluginCatalogue()->plugins.empty())
        return std::nullopt;
    return *scanned->body.AsPluginCatalogue()->plugins.front();
}

} // namespace loophole::signal::testing
