#include "app/cli/server_options.h"

#include <ostream>
#include <unistd.h>
#include <variant>

#include "engine/server/cpu_affinity.h"

namespace loadstar::cli {

std::optional<std::string> cpuOptions(const Arguments& args, std::vector<int>& serverCpus,
                                      std::vector<int>& generatorCpus) {
    for (auto [option, into] :
         {std::pair{"server-cpus", &serverCpus}, std::pair{"generator-cpus", &generatorCpus}}) {
        const auto text = args.value(option);
        if (!text) continue;
        auto cpus = server::parseCpuList(*text);
        if (const auto* e = std::get_if<std::string>(&cpus)) return "--" + std::string(option) + ": " + *e;
        *into = std::get<std::vector<int>>(std::move(cpus));
    }
    return std::nullopt;
}

void pinGenerator(const std::vector<int>& cpus, std::ostream& err, const char* command) {
    if (cpus.empty()) return;
    if (auto e = server::pinProcess(::getpid(), cpus)) err << "loadstar " << command << ": " << *e << "\n";
}

}  // namespace loadstar::cli
