#include "dossier/paths.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace dossier {
namespace {

fs::path env_path(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? fs::path(value) : fs::path();
}

fs::path corpus_root() {
    if (auto p = env_path("DOSSIER_CORPUS"); !p.empty()) return p;
    return fs::path(DOSSIER_CORPUS_DIR);
}

}  // namespace

fs::path default_database() {
    if (auto p = env_path("DOSSIER_DB"); !p.empty()) return p;
    if (auto p = env_path("XDG_DATA_HOME"); !p.empty()) return p / "dossier" / "db";
    if (auto p = env_path("HOME"); !p.empty()) return p / ".local" / "share" / "dossier" / "db";
    return fs::path("dossier-db");
}

std::vector<fs::path> default_corpus() {
    std::vector<fs::path> out;
    for (const char* sub : {"articles", "fetched"}) {
        fs::path p = corpus_root() / sub;
        std::error_code ec;
        if (fs::is_directory(p, ec)) out.push_back(p);
    }
    return out;
}

fs::path default_actors() {
    if (auto p = env_path("DOSSIER_ACTORS"); !p.empty()) return p;
    std::error_code ec;
    for (fs::path p : {corpus_root() / "actors.tsv", fs::path(DOSSIER_INSTALLED_ACTORS)}) {
        if (fs::is_regular_file(p, ec)) return p;
    }
    return {};
}

}  // namespace dossier
