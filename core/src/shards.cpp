#include "dossier/shards.hpp"

#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "dossier/errors.hpp"
#include "dossier/schema.hpp"
#include "dossier/text.hpp"

namespace fs = std::filesystem;

namespace dossier {
namespace {

bool is_single_database(const fs::path& db) {
    return fs::exists(db / "iamglass") || fs::exists(db / "iamchert");
}

// Shards hold every file's manifest entry, each with its own articles and passage count: the
// compacted database gets their union and sum, so `dossier-index check` holds on it.
class ManifestMerger : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                           const std::string tags[]) override {
        // Xapian hands over the key as stored, behind its two-byte user-metadata marker.
        std::string_view name = key;
        if (name.size() >= 2 && name[0] == '\0' && name[1] == '\xc0') name.remove_prefix(2);
        if (name.rfind(schema::meta_file, 0) != 0) return tags[0];
        nlohmann::json merged = nlohmann::json::parse(tags[0], nullptr, false);
        if (merged.is_discarded()) return tags[0];
        std::set<std::string> articles;
        std::size_t passages = 0;
        for (size_t i = 0; i < num_tags; ++i) {
            auto j = nlohmann::json::parse(tags[i], nullptr, false);
            if (j.is_discarded()) continue;
            for (const auto& a : j.value("articles", std::vector<std::string>{}))
                articles.insert(a);
            passages += j.value("passages", std::size_t{0});
        }
        merged["articles"] = articles;
        merged["passages"] = passages;
        return merged.dump();
    }
};

}  // namespace

std::vector<fs::path> shard_paths(const fs::path& db) {
    std::vector<fs::path> out;
    std::ifstream in(db / shard_stub_name);
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = text::trim(line);
        if (t.rfind("auto ", 0) == 0) out.push_back(db / std::string(text::trim(t.substr(5))));
    }
    return out;
}

BuildSummary build_sharded(BuildOptions options, unsigned shards, BuildObserver& observer) {
    const fs::path root = options.db;
    if (is_single_database(root)) {
        throw UsageError(
            fmt::format("{} holds a single database; shard into another --db, or "
                        "merge later with 'dossier-index compact'",
                        root.string()));
    }
    std::vector<fs::path> existing = shard_paths(root);
    if (!existing.empty() && existing.size() != shards) {
        throw UsageError(fmt::format("{} has {} shards, not {}; build {} shards into another --db",
                                     root.string(), existing.size(), shards, shards));
    }
    fs::create_directories(root);

    BuildSummary total;
    std::set<std::string> failed_files;
    std::set<std::string> warnings;
    options.shard_count = shards;
    for (unsigned i = 0; i < shards; ++i) {
        options.db = root / fmt::format("shard-{}", i);
        options.shard_index = i;
        // Every shard reads every file, so file-level outcomes repeat: report them once.
        BuildObserver quiet;
        BuildSummary s = build_index(options, i == 0 ? observer : quiet);
        if (i == 0) {
            total.files = s.files;
            total.added = s.added;
            total.updated = s.updated;
            total.deleted = s.deleted;
            total.unchanged = s.unchanged;
            total.ignored = s.ignored;
            total.notes = s.notes;
        }
        total.articles += s.articles;
        total.passages += s.passages;
        total.total_passages += s.total_passages;
        total.seconds += s.seconds;
        for (auto& f : s.failures) {
            if (failed_files.insert(f.file).second) total.failures.push_back(std::move(f));
        }
        for (auto& w : s.warnings) {
            if (warnings.insert(w).second) total.warnings.push_back(std::move(w));
        }
        total.build_id += s.build_id;
    }
    total.build_id = text::hash_hex(total.build_id);

    // Written last and atomically: until the shards exist, the stub does not point at them.
    std::string stub;
    for (unsigned i = 0; i < shards; ++i) stub += fmt::format("auto shard-{}\n", i);
    fs::path tmp = root / (std::string(shard_stub_name) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << stub;
        if (!out) throw DatabaseError(root.string(), "cannot write the shard stub file");
    }
    fs::rename(tmp, root / shard_stub_name);
    return total;
}

void compact_shards(const fs::path& db, const fs::path& out) {
    std::vector<fs::path> shards = shard_paths(db);
    if (shards.empty()) shards.push_back(db);
    if (fs::exists(out)) {
        throw UsageError(fmt::format("{} already exists; compact into a new folder", out.string()));
    }
    try {
        Xapian::Database all;
        for (const auto& s : shards) all.add_database(Xapian::Database(s.string()));
        ManifestMerger merger;
        all.compact(out.string(), Xapian::DBCOMPACT_MULTIPASS, 0, merger);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(db.string(), e.get_msg());
    }
}

}  // namespace dossier
