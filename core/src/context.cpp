#include "dossier/context.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "dossier/index_writer.hpp"
#include "dossier/schema.hpp"
#include "dossier/text.hpp"

namespace dossier {
namespace {

// The index writer's rule for every term built from an id: Xapian refuses terms over 245 bytes.
constexpr std::size_t max_term_bytes = 240;

std::optional<Hit> passage_by_term(const Xapian::Database& db, const std::string& term) {
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return passage_from_data(db.get_document(*it).get_data());
}

ContextPassage context_of(const Hit& h) {
    return {h.passage_id, h.paragraph, h.kind, h.text, h.speaker};
}

}  // namespace

Hit passage_from_data(const std::string& data) {
    Hit hit;
    auto j = nlohmann::json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return hit;
    hit.passage_id = j.value("id", "");
    hit.article_id = j.value("article", "");
    if (j.contains("date") && j["date"].is_string()) hit.date = j["date"].get<std::string>();
    hit.title = j.value("title", "");
    hit.source = j.value("source", "");
    hit.url = j.value("url", "");
    hit.author = j.value("author", "");
    hit.heading = j.value("heading", "");
    hit.paragraph = j.value("paragraph", 0);
    hit.begin = j.value("begin", std::size_t{0});
    hit.end = j.value("end", std::size_t{0});
    hit.text = j.value("text", "");
    hit.kind = j.value("kind", "paragraph");
    hit.actors = j.value("actors", std::vector<std::string>{});
    if (j.contains("speaker") && j["speaker"].is_string()) {
        hit.speaker = j["speaker"].get<std::string>();
    }
    if (j.contains("speaker_name") && j["speaker_name"].is_string()) {
        hit.speaker_name = j["speaker_name"].get<std::string>();
    }
    return hit;
}

std::string article_term(std::string_view article_id) {
    std::string term = schema::term(schema::article, article_id);
    if (term.size() > max_term_bytes) {
        term = schema::term(schema::article, "#" + text::hash_hex(article_id));
    }
    return term;
}

std::optional<Hit> find_passage(const Xapian::Database& db, std::string_view passage_id) {
    return passage_by_term(db, passage_id_term(passage_id));
}

std::vector<Hit> article_passages(const Xapian::Database& db, std::string_view article_id) {
    std::vector<Hit> passages;
    const std::string term = article_term(article_id);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        Hit h = passage_from_data(db.get_document(*it).get_data());
        // A hashed term could in theory be shared: keep only this article's passages.
        if (h.article_id == article_id) passages.push_back(std::move(h));
    }
    std::sort(passages.begin(), passages.end(),
              [](const Hit& a, const Hit& b) { return a.paragraph < b.paragraph; });
    return passages;
}

void add_context(const Xapian::Database& db, std::vector<Hit>& hits, unsigned n) {
    for (Hit& hit : hits) {
        hit.before.clear();
        hit.after.clear();
        if (hit.article_id.empty()) continue;
        for (int k = static_cast<int>(n); k >= 1; --k) {
            if (hit.paragraph - k < 1) continue;
            if (auto p = find_passage(db, make_passage_id(hit.article_id, hit.paragraph - k))) {
                hit.before.push_back(context_of(*p));
            }
        }
        for (int k = 1; k <= static_cast<int>(n); ++k) {
            auto p = find_passage(db, make_passage_id(hit.article_id, hit.paragraph + k));
            if (!p) break;  // past the end of the article
            hit.after.push_back(context_of(*p));
        }
    }
}

}  // namespace dossier
