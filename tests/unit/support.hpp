// What several unit suites need: a scratch folder, and a database built once per test run.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "dossier/index_writer.hpp"

namespace dossier::test {

/// A fresh folder under the system's temporary folder, removed (with anything made read-only
/// inside it) when the object goes.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& label = "unit") {
        static int count = 0;
        path =
            std::filesystem::temp_directory_path() /
            ("dossier-" + label + "-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

/// Writes `text` to `file`, making its folder first.
inline void write_file(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

/// The database of `paths` (relative to the source folder), built on first use under `name` and
/// removed when the test program exits. Suites that only read share it instead of rebuilding.
inline const std::string& built_database(const std::string& name,
                                         const std::vector<std::string>& paths) {
    static std::map<std::string, std::string> built;
    if (auto it = built.find(name); it != built.end()) return it->second;
    const std::filesystem::path db = std::filesystem::temp_directory_path() /
                                     ("dossier-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(db);
    BuildOptions options;
    for (const auto& p : paths)
        options.paths.push_back(std::filesystem::path(DOSSIER_SOURCE_DIR) / p);
    options.db = db;
    BuildObserver quiet;
    build_index(options, quiet);
    if (built.empty()) {
        std::atexit([] {
            for (const auto& [n, path] : built) {
                std::error_code ec;
                std::filesystem::remove_all(path, ec);
                std::filesystem::remove(path + ".lock", ec);
            }
        });
    }
    return built.emplace(name, db.string()).first->second;
}

}  // namespace dossier::test
