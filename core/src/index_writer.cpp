#include "dossier/index_writer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "dossier/errors.hpp"
#include "dossier/facets.hpp"
#include "dossier/schema.hpp"
#include "dossier/text.hpp"

namespace fs = std::filesystem;

namespace dossier {
namespace {

// Xapian refuses terms longer than 245 bytes; long ids are replaced by a hash.
constexpr std::size_t max_term_bytes = 240;
// Commit after this many passages: a kill loses at most one batch, never half a file, and the
// transaction's memory stays bounded however large the corpus.
constexpr std::size_t passages_per_commit = 20000;

struct ManifestEntry {
    std::string hash;
    std::vector<std::string> articles;
    std::size_t passages = 0;
};

std::string encode_manifest(const ManifestEntry& e) {
    nlohmann::json j = {{"hash", e.hash}, {"articles", e.articles}, {"passages", e.passages}};
    return j.dump();
}

std::optional<ManifestEntry> decode_manifest(const std::string& value) {
    auto j = nlohmann::json::parse(value, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    ManifestEntry e;
    e.hash = j.value("hash", "");
    e.articles = j.value("articles", std::vector<std::string>{});
    e.passages = j.value("passages", std::size_t{0});
    return e;
}

bool is_article_file(const fs::path& p) {
    std::string ext = text::ascii_lower(p.extension().string());
    return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown" ||
           ext == ".jsonl" || ext == ".ndjson";
}

struct InputFile {
    std::string relative;  // manifest key and article id for plain files
    fs::path path;
};

// Files in a deterministic order (by relative name), hidden files and folders skipped. Folder
// symlinks are not followed, so a symlink loop cannot trap the walk.
std::vector<InputFile> collect_files(const std::vector<fs::path>& roots, BuildSummary& summary,
                                     BuildObserver& observer) {
    std::vector<InputFile> files;
    for (const auto& root : roots) {
        std::error_code ec;
        auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            throw UsageError(fmt::format("{}: no such file or folder", root.string()));
        }
        if (fs::is_regular_file(status)) {
            files.push_back({root.filename().string(), root});
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied,
                                            ec),
            end;
        for (; !ec && it != end; it.increment(ec)) {
            const auto& entry = *it;
            std::string name = entry.path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (entry.is_directory()) it.disable_recursion_pending();
                continue;
            }
            std::error_code file_ec;
            if (entry.is_symlink(file_ec) && !fs::exists(entry.path(), file_ec)) {
                // Reported like any unreadable file: the user meant it to be indexed.
                files.push_back({entry.path().lexically_relative(root).generic_string(),
                                 entry.path()});
                continue;
            }
            if (!entry.is_regular_file(file_ec)) continue;
            std::string rel = entry.path().lexically_relative(root).generic_string();
            if (!is_article_file(entry.path())) {
                ++summary.ignored;
                continue;
            }
            files.push_back({rel, entry.path()});
        }
        if (ec) {
            std::string line = fmt::format("{}: {}", root.string(), ec.message());
            summary.warnings.push_back(line);
            observer.warning(line);
        }
    }
    std::sort(files.begin(), files.end(),
              [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
    return files;
}

std::optional<std::string> read_whole_file(const fs::path& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return std::nullopt;
    std::string data;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return std::nullopt;
    return data;
}

// What a worker thread hands to the writer for one file.
struct PreparedArticle {
    std::string id;
    std::vector<std::pair<std::string, Xapian::Document>> passages;  // (id term, document)
};

struct FileJob {
    enum class Status { unchanged, indexed, failed } status = Status::failed;
    std::string hash;
    std::vector<PreparedArticle> articles;
    std::vector<std::string> warnings;
    std::string error;
};

FileJob process_file(const InputFile& file, const ManifestEntry* previous, bool force,
                     const BuildOptions& options, const Gazetteer* gazetteer,
                     const Analyzer& analyzer) {
    FileJob job;
    std::error_code ec;
    auto size = fs::file_size(file.path, ec);
    std::optional<std::string> bytes;
    // Read once: the same bytes give the content hash and, when it changed, the articles. Files
    // ingest would refuse anyway (too large, unreadable) go straight to it for the reason.
    if (!ec && size <= options.limits.max_file_bytes) bytes = read_whole_file(file.path);
    if (bytes) {
        job.hash = text::hash_hex(*bytes);
        if (previous && !force && previous->hash == job.hash) {
            job.status = FileJob::Status::unchanged;
            return job;
        }
    }
    try {
        FileContents contents =
            bytes ? parse_contents(*bytes, file.relative, detect_format(file.path), options.limits)
                  : read_file(file.path, file.relative, options.limits);
        job.warnings = std::move(contents.warnings);
        for (const Article& article : contents.articles) {
            PreparedArticle prepared;
            prepared.id = article.id;
            for (const AnalysedPassage& p :
                 analyse_article(article, gazetteer, options.segment)) {
                std::string pid = make_passage_id(article.id, p.passage.ordinal);
                prepared.passages.emplace_back(passage_id_term(pid),
                                               make_passage_document(article, p, file.relative,
                                                                     analyzer));
            }
            job.articles.push_back(std::move(prepared));
        }
        job.status = FileJob::Status::indexed;
    } catch (const InputError& e) {
        job.error = e.reason();
    } catch (const std::exception& e) {
        job.error = e.what();
    }
    return job;
}

std::string year_of(const std::optional<Date>& d) {
    return d ? fmt::format("{:04d}", d->year) : std::string();
}

class Writer {
public:
    Writer(const fs::path& path, int flags) {
        try {
            m_db = Xapian::WritableDatabase(path.string(), flags);
        } catch (const Xapian::DatabaseLockError&) {
            throw DatabaseError(path.string(),
                                "another dossier-index is writing this database; wait for it "
                                "to finish and run again");
        } catch (const Xapian::Error& e) {
            throw DatabaseError(path.string(), e.get_msg());
        }
    }
    Xapian::WritableDatabase& db() { return m_db; }

    void begin() {
        if (!m_in_transaction) {
            m_db.begin_transaction();
            m_in_transaction = true;
        }
    }
    void maybe_commit(std::size_t passages) {
        m_pending += passages;
        if (m_pending >= passages_per_commit) commit();
    }
    void commit() {
        if (m_in_transaction) {
            m_db.commit_transaction();
            m_in_transaction = false;
        }
        m_pending = 0;
    }

private:
    Xapian::WritableDatabase m_db;
    bool m_in_transaction = false;
    std::size_t m_pending = 0;
};

}  // namespace

nlohmann::json BuildSummary::to_json() const {
    nlohmann::json failed_files = nlohmann::json::array();
    for (const auto& f : failures) failed_files.push_back({{"file", f.file}, {"reason", f.reason}});
    return {{"files", files},
            {"added", added},
            {"updated", updated},
            {"deleted", deleted},
            {"unchanged", unchanged},
            {"ignored", ignored},
            {"failed", failures.size()},
            {"failures", failed_files},
            {"warnings", warnings},
            {"notes", notes},
            {"articles", articles},
            {"passages", passages},
            {"total_passages", total_passages},
            {"build_id", build_id},
            {"seconds", seconds}};
}

std::string make_passage_id(std::string_view article_id, int ordinal) {
    return fmt::format("{}#{}", article_id, ordinal);
}

std::string passage_id_term(std::string_view passage_id) {
    std::string term = schema::term(schema::passage_id, passage_id);
    if (term.size() > max_term_bytes) term = schema::term(schema::passage_id, "#" + text::hash_hex(passage_id));
    return term;
}

static std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term = schema::term(prefix, value);
    if (term.size() > max_term_bytes) term = schema::term(prefix, "#" + text::hash_hex(value));
    return term;
}

std::vector<AnalysedPassage> analyse_article(const Article& article, const Gazetteer* gazetteer,
                                             const SegmentOptions& segment_options) {
    std::vector<AnalysedPassage> out;
    std::vector<Passage> passages = segment(article.text, segment_options);
    std::vector<QuoteInput> quote_inputs;
    out.reserve(passages.size());
    quote_inputs.reserve(passages.size());
    for (Passage& p : passages) {
        AnalysedPassage a;
        std::string_view body = std::string_view(article.text).substr(p.begin, p.end - p.begin);
        QuoteInput qi;
        qi.text = body;
        qi.paragraph = p.paragraph;
        qi.heading = p.kind == PassageKind::heading;
        if (gazetteer) {
            qi.mentions = gazetteer->match(body);
            std::set<std::string> ids;
            for (const auto& m : qi.mentions) {
                for (auto& id : gazetteer->with_ancestors(m.id)) ids.insert(std::move(id));
            }
            a.actors.assign(ids.begin(), ids.end());
        }
        a.passage = std::move(p);
        out.push_back(std::move(a));
        quote_inputs.push_back(std::move(qi));
    }
    if (gazetteer) {
        const std::string date = article.date ? article.date->to_string() : std::string();
        QuoteContext context{.author = article.author,
                             .genre = article.genre,
                             .title = article.title,
                             .date = date};
        std::vector<QuoteAttribution> quotes = attribute_quotes(quote_inputs, *gazetteer, context);
        for (std::size_t i = 0; i < out.size() && i < quotes.size(); ++i) {
            out[i].quote = std::move(quotes[i]);
            if (out[i].quote.is_quote && out[i].passage.kind == PassageKind::paragraph) {
                out[i].passage.kind = PassageKind::quote;
            }
        }
    }
    return out;
}

Xapian::Document make_passage_document(const Article& article, const AnalysedPassage& analysed,
                                       std::string_view file, const Analyzer& analyzer) {
    const Passage& p = analysed.passage;
    std::string_view body = std::string_view(article.text).substr(p.begin, p.end - p.begin);
    std::string pid = make_passage_id(article.id, p.ordinal);
    std::string_view kind = to_string(p.kind);

    Xapian::Document doc;
    analyzer.index_text(doc, body);
    if (!article.title.empty()) {
        analyzer.index_text_without_positions(doc, article.title, 1, schema::title);
    }

    doc.add_boolean_term(passage_id_term(pid));
    doc.add_boolean_term(bounded_term(schema::article, article.id));
    doc.add_boolean_term(bounded_term(schema::file, file));
    doc.add_boolean_term(schema::term(schema::kind, kind));
    for (const auto& id : analysed.actors) doc.add_boolean_term(schema::term(schema::actor, id));
    const std::string& speaker = analysed.quote.speaker;
    if (!speaker.empty()) {
        doc.add_boolean_term(bounded_term(schema::speaker, text::ascii_lower(speaker)));
    }
    if (article.date) {
        doc.add_boolean_term(schema::term(schema::year, year_of(article.date)));
        if (article.date->month) {
            doc.add_boolean_term(schema::term(
                schema::month, fmt::format("{:04d}{:02d}", article.date->year, article.date->month)));
        }
        doc.add_value(schema::date_slot, article.date->sort_key());
    }

    std::string actors_joined;
    for (const auto& id : analysed.actors) {
        if (!actors_joined.empty()) actors_joined += '\t';
        actors_joined += id;
    }
    doc.add_value(schema::article_slot, article.id);
    if (!actors_joined.empty()) doc.add_value(schema::actors_slot, actors_joined);
    if (!speaker.empty()) doc.add_value(schema::speaker_slot, speaker);
    doc.add_value(schema::kind_slot, std::string(kind));
    doc.add_value(schema::facet_slot,
                  facet_slot_value(article.id, doc.get_value(schema::date_slot), actors_joined,
                                   speaker, kind));

    nlohmann::json data = {
        {"id", pid},
        {"article", article.id},
        {"title", article.title},
        {"source", article.source},
        {"url", article.url},
        {"author", article.author},
        {"date", article.date ? nlohmann::json(article.date->to_string()) : nlohmann::json()},
        {"paragraph", p.ordinal},
        {"begin", article.text_offset + p.begin},
        {"end", article.text_offset + p.end},
        {"heading", p.heading},
        {"kind", kind},
        {"speaker", speaker.empty() ? nlohmann::json() : nlohmann::json(speaker)},
        {"actors", analysed.actors},
        {"text", body},
    };
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return doc;
}

BuildSummary build_index(const BuildOptions& options, BuildObserver& observer) {
    auto started = std::chrono::steady_clock::now();
    BuildSummary summary;
    auto warn = [&](std::string line) {
        observer.warning(line);
        summary.warnings.push_back(std::move(line));
    };

    std::optional<Gazetteer> gazetteer;
    std::string actors_tsv;  // stored in the database, so queries resolve names without config
    if (!options.actors.empty()) {
        gazetteer = Gazetteer::load(options.actors);
        actors_tsv = read_whole_file(options.actors).value_or("");
    }
    const Gazetteer* gaz = gazetteer ? &*gazetteer : nullptr;
    const std::string actors_hash = gaz ? gaz->hash() : std::string("none");
    const std::string analyzer_description = options.analyzer.describe();
    Analyzer analyzer_check(options.analyzer);  // validates the language before any work

    std::vector<InputFile> files = collect_files(options.paths, summary, observer);
    summary.files = files.size();

    // A full rebuild writes a fresh database beside the old one and swaps it in at the end, so
    // the old one answers queries (and survives a crash) until the new one is complete.
    bool full = options.full;
    bool retag = false;
    const bool exists = fs::exists(options.db / "iamglass") || fs::exists(options.db / "iamchert");
    if (exists && !full) {
        try {
            Xapian::Database current(options.db.string());
            std::string schema_version = current.get_metadata(std::string(schema::meta_schema));
            std::string analyzer_used = current.get_metadata(std::string(schema::meta_analyzer));
            std::string actors_used = current.get_metadata(std::string(schema::meta_actors_hash));
            if (schema_version != std::to_string(schema::version)) {
                full = true;
                summary.notes.push_back(fmt::format(
                    "schema version changed ({} -> {}): rebuilding from scratch",
                    schema_version.empty() ? "none" : schema_version, schema::version));
            } else if (analyzer_used != analyzer_description) {
                full = true;
                summary.notes.push_back(fmt::format(
                    "analyzer settings changed ({} -> {}): rebuilding from scratch", analyzer_used,
                    analyzer_description));
            } else if (actors_used != actors_hash) {
                retag = true;
                summary.notes.push_back("actor gazetteer changed: re-tagging every file");
            }
        } catch (const Xapian::Error& e) {
            throw DatabaseError(options.db.string(), e.get_msg());
        }
    }
    for (const auto& n : summary.notes) observer.note(n);

    fs::path target = options.db;
    fs::path build_path = full ? fs::path(options.db.string() + ".new") : options.db;
    std::error_code ec;
    if (full) fs::remove_all(build_path, ec);
    if (!build_path.parent_path().empty()) fs::create_directories(build_path.parent_path(), ec);

    Writer writer(build_path, Xapian::DB_CREATE_OR_OPEN);
    Xapian::WritableDatabase& db = writer.db();

    std::map<std::string, ManifestEntry> manifest;
    const std::string file_prefix(schema::meta_file);
    for (auto it = db.metadata_keys_begin(file_prefix); it != db.metadata_keys_end(file_prefix);
         ++it) {
        if (auto e = decode_manifest(db.get_metadata(*it))) {
            manifest.emplace((*it).substr(file_prefix.size()), std::move(*e));
        }
    }
    std::map<std::string, std::string> article_owner;  // article id -> relative file
    for (const auto& [file, entry] : manifest) {
        for (const auto& a : entry.articles) article_owner.emplace(a, file);
    }

    // Analysis runs on `jobs` threads; the writer takes results strictly in file order, so the
    // database is the same whatever the thread count. The window bounds memory.
    const unsigned jobs = std::max(1u, options.jobs);
    const std::size_t window = std::size_t{jobs} * 4;
    std::vector<std::optional<FileJob>> results(files.size());
    std::mutex mutex;
    std::condition_variable ready, room;
    std::atomic<std::size_t> next_job{0};
    std::size_t written = 0;
    bool stop = false;

    auto worker = [&]() {
        Analyzer analyzer(options.analyzer);
        for (;;) {
            std::size_t i = next_job.fetch_add(1);
            if (i >= files.size()) return;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] { return stop || i < written + window; });
                if (stop) return;
            }
            auto found = manifest.find(files[i].relative);
            FileJob job = process_file(files[i], found == manifest.end() ? nullptr : &found->second,
                                       retag, options, gaz, analyzer);
            {
                std::lock_guard lock(mutex);
                results[i] = std::move(job);
            }
            ready.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    auto stop_workers = [&]() {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        room.notify_all();
        for (auto& t : threads) t.join();
        threads.clear();
    };

    std::set<std::string> seen_files;
    try {
        for (std::size_t i = 0; i < files.size(); ++i) {
            FileJob job;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return results[i].has_value(); });
                job = std::move(*results[i]);
                results[i].reset();
                written = i + 1;
            }
            room.notify_all();

            const std::string& rel = files[i].relative;
            seen_files.insert(rel);
            auto previous = manifest.find(rel);
            for (const auto& w : job.warnings) warn(fmt::format("{}: {}", rel, w));

            if (job.status == FileJob::Status::unchanged) {
                ++summary.unchanged;
            } else if (job.status == FileJob::Status::failed) {
                // The file's previous passages stay: a file that became unreadable loses nothing.
                summary.failures.push_back({rel, job.error});
                observer.warning(fmt::format("{}: {}", rel, job.error));
            } else {
                writer.begin();
                if (previous != manifest.end()) db.delete_document(bounded_term(schema::file, rel));
                ManifestEntry entry;
                entry.hash = job.hash;
                for (auto& article : job.articles) {
                    auto owner = article_owner.find(article.id);
                    if (owner != article_owner.end() && owner->second != rel) {
                        warn(fmt::format("{}: duplicate article '{}' (already indexed from {}): "
                                         "skipped",
                                         rel, article.id, owner->second));
                        continue;
                    }
                    article_owner[article.id] = rel;
                    entry.articles.push_back(article.id);
                    for (auto& [term, doc] : article.passages) {
                        db.replace_document(term, doc);
                    }
                    entry.passages += article.passages.size();
                    ++summary.articles;
                }
                summary.passages += entry.passages;
                db.set_metadata(file_prefix + rel, encode_manifest(entry));
                if (previous != manifest.end()) {
                    ++summary.updated;
                    for (const auto& a : previous->second.articles) {
                        auto owner = article_owner.find(a);
                        if (owner != article_owner.end() && owner->second == rel &&
                            std::find(entry.articles.begin(), entry.articles.end(), a) ==
                                entry.articles.end()) {
                            article_owner.erase(owner);
                        }
                    }
                    previous->second = entry;
                } else {
                    ++summary.added;
                    manifest.emplace(rel, entry);
                }
                writer.maybe_commit(entry.passages);
            }
            observer.progress(i + 1, files.size(), summary.passages);
        }
        stop_workers();

        if (!options.keep_missing) {
            for (auto it = manifest.begin(); it != manifest.end();) {
                if (seen_files.count(it->first)) {
                    ++it;
                    continue;
                }
                writer.begin();
                db.delete_document(bounded_term(schema::file, it->first));
                db.set_metadata(file_prefix + it->first, "");
                ++summary.deleted;
                it = manifest.erase(it);
            }
        }

        std::string build_material;
        for (const auto& [file, entry] : manifest) build_material += file + '\0' + entry.hash + '\n';
        summary.build_id = text::hash_hex(build_material + analyzer_description + actors_hash);
        writer.begin();
        db.set_metadata(std::string(schema::meta_schema), std::to_string(schema::version));
        db.set_metadata(std::string(schema::meta_analyzer), analyzer_description);
        db.set_metadata(std::string(schema::meta_actors_hash), actors_hash);
        db.set_metadata(std::string(schema::meta_actors), actors_tsv);
        db.set_metadata(std::string(schema::meta_build_id), summary.build_id);
        writer.commit();
        summary.total_passages = db.get_doccount();
        db.close();
    } catch (const Xapian::Error& e) {
        stop_workers();
        throw DatabaseError(build_path.string(), e.get_msg());
    } catch (...) {
        stop_workers();
        throw;
    }

    if (full) {
        fs::path old = fs::path(target.string() + ".old");
        fs::remove_all(old, ec);
        if (fs::exists(target)) fs::rename(target, old);
        fs::rename(build_path, target);
        fs::remove_all(old, ec);
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace dossier
