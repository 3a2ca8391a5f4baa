// Fuzzes query parsing and search on a small database built at start-up from the team's
// articles: any query string, with any filters, gives hits or a UsageError, never a crash.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>

#include "dossier/errors.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/searcher.hpp"

namespace {
std::unique_ptr<dossier::Searcher> searcher;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    namespace fs = std::filesystem;
    const fs::path db =
        fs::temp_directory_path() / ("dossier-fuzz-query-" + std::to_string(::getpid()));
    dossier::BuildOptions options;
    options.paths = {fs::path(DOSSIER_SOURCE_DIR) / "corpus" / "articles",
                     fs::path(DOSSIER_SOURCE_DIR) / "tests" / "data" / "articles"};
    options.db = db;
    options.actors = fs::path(DOSSIER_SOURCE_DIR) / "corpus" / "actors.tsv";
    dossier::BuildObserver quiet;
    dossier::build_index(options, quiet);
    searcher = std::make_unique<dossier::Searcher>(std::vector<std::string>{db.string()});
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(
            fs::temp_directory_path() / ("dossier-fuzz-query-" + std::to_string(::getpid())), ec);
        fs::remove(fs::temp_directory_path() /
                       ("dossier-fuzz-query-" + std::to_string(::getpid()) + ".lock"),
                   ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    // First byte: request options; the rest, split at the first newline: query, then a filter
    // value used for dates, actor and speaker.
    const std::uint8_t flags = data[0];
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::size_t nl = rest.find('\n');
    dossier::SearchRequest r;
    r.query = std::string(rest.substr(0, nl));
    const std::string filter = nl == std::string_view::npos ? "" : std::string(rest.substr(nl + 1));
    r.match_any = flags & 1;
    r.plain_text = flags & 2;
    r.limit = 5;
    if (flags & 4) r.from = filter;
    if (flags & 8) r.to = filter;
    if (flags & 16) r.actors = {filter};
    if (flags & 32) r.speaker = filter;
    if (flags & 64) r.per_article = 1;
    if (flags & 128) r.facets = {"actor", "year"};
    r.sort = static_cast<dossier::SortOrder>((flags >> 2) % 3);
    try {
        dossier::SearchResult result = searcher->search(r);
        for (const auto& hit : result.hits) {
            for (const auto& [b, e] : hit.highlights) {
                if (b > e || e > hit.text.size()) __builtin_trap();
            }
        }
    } catch (const dossier::UsageError&) {
    }
    return 0;
}
