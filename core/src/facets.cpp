#include "dossier/facets.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>

#include "dossier/errors.hpp"
#include "dossier/schema.hpp"

namespace dossier {
namespace {

constexpr char field_separator = '\x1f';  // between the parts of facet_slot

std::vector<std::string_view> split(std::string_view joined, char separator) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= joined.size()) {
        std::size_t end = joined.find(separator, pos);
        if (end == std::string_view::npos) end = joined.size();
        out.push_back(joined.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Values of one facet from the raw slot contents. Dates are "YYYYMMDD" with "00" for unknown.
void values_from_slot(std::string_view facet, std::string_view raw, std::vector<std::string>& out) {
    if (raw.empty()) return;
    if (facet == "actor") {
        for (auto id : split(raw, '\t')) {
            if (!id.empty()) out.emplace_back(id);
        }
    } else if (facet == "year") {
        if (raw.size() >= 4) out.emplace_back(raw.substr(0, 4));
    } else if (facet == "month") {
        if (raw.size() >= 6 && raw.substr(4, 2) != "00") {
            out.push_back(std::string(raw.substr(0, 4)) + "-" + std::string(raw.substr(4, 2)));
        }
    } else {
        out.emplace_back(raw);
    }
}

Xapian::valueno slot_of(std::string_view facet) {
    if (facet == "actor") return schema::actors_slot;
    if (facet == "speaker") return schema::speaker_slot;
    if (facet == "kind") return schema::kind_slot;
    return schema::date_slot;  // year, month
}

}  // namespace

const std::vector<std::string>& facet_names() {
    static const std::vector<std::string> names = {"actor", "speaker", "year", "month", "kind"};
    return names;
}

std::vector<std::string> facet_values(const Xapian::Document& doc, std::string_view facet) {
    std::vector<std::string> values;
    values_from_slot(facet, doc.get_value(slot_of(facet)), values);
    return values;
}

std::string facet_slot_value(std::string_view article, std::string_view date_key,
                             std::string_view actors_joined, std::string_view speaker,
                             std::string_view kind) {
    std::string v(article);
    for (auto part : {date_key, actors_joined, speaker, kind}) {
        v += field_separator;
        v += part;
    }
    return v;
}

FacetCollector::FacetCollector(std::vector<std::string> facets, bool per_article)
    : m_facets(std::move(facets)), m_per_article(per_article) {
    const auto& valid = facet_names();
    for (const auto& f : m_facets) {
        if (std::find(valid.begin(), valid.end(), f) == valid.end()) {
            std::string list;
            for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
            throw UsageError("unknown facet '" + f + "'; valid facets: " + list);
        }
    }
    // `--facets actor,actor` asks for one table: counted twice, each value would count double.
    std::vector<std::string> unique;
    for (auto& f : m_facets) {
        if (std::find(unique.begin(), unique.end(), f) == unique.end())
            unique.push_back(std::move(f));
    }
    m_facets = std::move(unique);
}

namespace {

// Per-article counts from facet_slot values ("article\x1fdate\x1factors\x1fspeaker\x1fkind"):
// each (facet value, article) pair counts once, however many of the article's passages match
// and in whatever order the values come. Articles and values are numbered as they come. A value
// remembers the last article it was counted for, which settles it while one article's passages
// come together (as they do: docids follow the indexing order, and Xapian's spy sorts by
// value, article first); when an article comes back, the values counted for it before are
// marked again from the list kept for each article.
class ArticleTally {
  public:
    // `facets` without repeats (FacetCollector drops them).
    explicit ArticleTally(const std::vector<std::string>& facets) {
        for (const auto& name : facets) {
            Facet& f = m_facets.emplace_back();
            f.name = name;
            f.part = name == "actor" ? 2 : name == "speaker" ? 3 : name == "kind" ? 4 : 1;
        }
    }

    // Adding a value again changes nothing.
    void add(std::string_view packed) {
        std::array<std::string_view, 5> parts;
        std::size_t n = 0, pos = 0;
        for (; n < parts.size(); ++n) {
            std::size_t end = packed.find(field_separator, pos);
            if (end == std::string_view::npos) end = packed.size();
            parts[n] = packed.substr(pos, end - pos);
            pos = end + 1;
            if (end == packed.size()) break;
        }
        if (n != parts.size() - 1 || pos <= packed.size()) return;  // not 5 parts: not ours
        if (m_articles.empty() || parts[0] != m_last_article) {
            m_last_article.assign(parts[0]);
            const auto next = static_cast<std::uint32_t>(m_articles.size());
            auto [it, added] = m_articles.try_emplace(m_last_article, next);
            m_article = it->second;
            if (added) {
                m_counted_for.emplace_back();
            } else {
                for (std::uint32_t v : m_counted_for[m_article]) m_last_article_of[v] = m_article;
            }
        }
        for (Facet& f : m_facets) {
            const std::string_view raw = parts[f.part];
            if (!f.parsed || raw != f.last_raw) {
                f.last_raw.assign(raw);
                f.parsed = true;
                number_values(f);
            }
            for (std::uint32_t v : f.last_values) {
                if (m_last_article_of[v] == m_article) continue;  // counted for this article
                m_last_article_of[v] = m_article;
                ++m_counts[v];
                m_counted_for[m_article].push_back(v);
            }
        }
    }

    void add_to(FacetCounts& out) const {
        for (const Facet& f : m_facets) {
            auto& counts = out[f.name];
            for (const auto& [value, number] : f.numbers) counts[value] = m_counts[number];
        }
    }

  private:
    struct Facet {
        std::string name;
        std::size_t part = 1;  // of the packed value
        bool parsed = false;
        std::string last_raw;                                    // the part last seen ...
        std::vector<std::uint32_t> last_values;                  // ... and its values' numbers
        std::unordered_map<std::string, std::uint32_t> numbers;  // value -> number
    };

    void number_values(Facet& f) {
        m_values.clear();
        values_from_slot(f.name, f.last_raw, m_values);
        f.last_values.clear();
        for (auto& value : m_values) {
            const auto next = static_cast<std::uint32_t>(m_counts.size());
            auto [it, added] = f.numbers.try_emplace(std::move(value), next);
            if (added) {
                m_counts.push_back(0);
                m_last_article_of.push_back(no_article);
            }
            f.last_values.push_back(it->second);
        }
    }

    static constexpr std::uint32_t no_article = UINT32_MAX;
    std::vector<Facet> m_facets;
    std::unordered_map<std::string, std::uint32_t> m_articles;  // id -> number
    std::string m_last_article;
    std::uint32_t m_article = 0;
    std::vector<Xapian::doccount> m_counts;                 // by value number: articles
    std::vector<std::uint32_t> m_last_article_of;           // by value number
    std::vector<std::vector<std::uint32_t>> m_counted_for;  // by article number: value numbers
    std::vector<std::string> m_values;                      // scratch
};

}  // namespace

// Counts, per value slot, the matching documents that hold each non-empty raw value: what one
// ValueCountMatchSpy per slot counts, at less cost per document. ValueCountMatchSpy copies each
// value into an ordered map of strings; here one call reads every slot, a value equal to the
// slot's previous one (the passages of an article share its date) only bumps a counter, and
// other values go to a hash map. Per article, facet_slot values go straight to an ArticleTally.
// The values come from the document the matcher hands over, which reads them from value
// streams it keeps per shard: streams of our own measured no faster.
class RawValueSpy final : public Xapian::MatchSpy {
  public:
    using Counts = std::unordered_map<std::string, Xapian::doccount>;

    RawValueSpy(const std::set<Xapian::valueno>& slots, const std::vector<std::string>& facets,
                bool per_article)
        : m_slots(slots.size()) {
        std::size_t i = 0;
        for (Xapian::valueno slot : slots) m_slots[i++].slot = slot;
        if (per_article) m_tally.emplace(facets);
    }

    void operator()(const Xapian::Document& doc, double) override {
        for (Slot& s : m_slots) {
            s.value = doc.get_value(s.slot);
            if (s.value.empty()) continue;
            if (m_tally) {
                if (s.value == s.last) continue;  // the tally counts it once anyway
                m_tally->add(s.value);
            } else if (s.last_count && s.value == s.last) {
                ++*s.last_count;
                continue;
            } else {
                auto it = s.counts.try_emplace(s.value, 0).first;
                ++it->second;
                s.last_count = &it->second;  // unordered_map nodes stay put when it grows
            }
            s.last.swap(s.value);
        }
    }

    const Counts* counts(Xapian::valueno slot) const {
        for (const Slot& s : m_slots) {
            if (s.slot == slot) return &s.counts;
        }
        return nullptr;
    }

    const ArticleTally* tally() const { return m_tally ? &*m_tally : nullptr; }

  private:
    struct Slot {
        Xapian::valueno slot = 0;
        std::string value;                       // this document's
        std::string last;                        // the last non-empty value counted ...
        Xapian::doccount* last_count = nullptr;  // ... and its counter
        Counts counts;
    };

    std::vector<Slot> m_slots;
    std::optional<ArticleTally> m_tally;  // per article
};

FacetCollector::~FacetCollector() = default;
FacetCollector::FacetCollector(FacetCollector&&) noexcept = default;
FacetCollector& FacetCollector::operator=(FacetCollector&&) noexcept = default;

namespace {

std::set<Xapian::valueno> slots_for(const std::vector<std::string>& facets, bool per_article) {
    std::set<Xapian::valueno> slots;
    if (per_article) {
        slots.insert(schema::facet_slot);
    } else {
        for (const auto& f : facets) slots.insert(slot_of(f));
    }
    return slots;
}

}  // namespace

void FacetCollector::attach(Xapian::Enquire& enquire, bool local) {
    m_spies.clear();
    m_local.reset();
    if (m_facets.empty()) return;
    const std::set<Xapian::valueno> slots = slots_for(m_facets, m_per_article);
    if (local) {
        m_local = std::make_unique<RawValueSpy>(slots, m_facets, m_per_article);
        enquire.add_matchspy(m_local.get());
        return;
    }
    for (Xapian::valueno slot : slots) {
        auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        enquire.add_matchspy(spy.get());
        m_spies.emplace(slot, std::move(spy));
    }
}

FacetCounts FacetCollector::counts() const {
    FacetCounts out;
    if (!m_per_article) {
        std::vector<std::string> values;
        for (const auto& facet : m_facets) {
            const Xapian::valueno slot = slot_of(facet);
            auto add = [&](std::string_view raw, Xapian::doccount n) {
                values.clear();
                values_from_slot(facet, raw, values);
                for (const auto& v : values) out[facet][v] += n;
            };
            if (m_local) {
                const RawValueSpy::Counts* counts = m_local->counts(slot);
                if (!counts) continue;
                out[facet];
                for (const auto& [raw, n] : *counts) add(raw, n);
                continue;
            }
            auto spy = m_spies.find(slot);
            if (spy == m_spies.end()) continue;
            out[facet];
            for (auto it = spy->second->values_begin(); it != spy->second->values_end(); ++it) {
                add(*it, it.get_termfreq());
            }
        }
        return out;
    }
    // Per article: the facet slot carries the article id beside the values, so each
    // (value, article) pair is counted once however many of the article's passages match.
    if (m_local) {
        m_local->tally()->add_to(out);
    } else {
        auto spy = m_spies.find(schema::facet_slot);
        if (spy == m_spies.end()) return out;
        ArticleTally tally(m_facets);
        for (auto it = spy->second->values_begin(); it != spy->second->values_end(); ++it) {
            tally.add(*it);
        }
        tally.add_to(out);
    }
    for (const auto& facet : m_facets) out[facet];  // asked-for facets are present, maybe empty
    return out;
}

}  // namespace dossier
