#include "dossier/facets.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "dossier/errors.hpp"
#include "dossier/schema.hpp"

namespace dossier {
namespace {

void split_tabs(std::string_view joined, std::vector<std::string>& out) {
    std::size_t pos = 0;
    while (pos < joined.size()) {
        std::size_t end = joined.find('\t', pos);
        if (end == std::string_view::npos) end = joined.size();
        if (end > pos) out.emplace_back(joined.substr(pos, end - pos));
        pos = end + 1;
    }
}

}  // namespace

const std::vector<std::string>& facet_names() {
    static const std::vector<std::string> names = {"actor", "speaker", "year", "month", "kind"};
    return names;
}

std::vector<std::string> facet_values(const Xapian::Document& doc, std::string_view facet) {
    std::vector<std::string> values;
    if (facet == "actor") {
        split_tabs(doc.get_value(schema::actors_slot), values);
    } else if (facet == "speaker") {
        std::string s = doc.get_value(schema::speaker_slot);
        if (!s.empty()) values.push_back(std::move(s));
    } else if (facet == "kind") {
        std::string s = doc.get_value(schema::kind_slot);
        if (!s.empty()) values.push_back(std::move(s));
    } else {
        std::string date = doc.get_value(schema::date_slot);  // YYYYMMDD
        if (facet == "year" && date.size() >= 4) values.push_back(date.substr(0, 4));
        if (facet == "month" && date.size() >= 6 && date.compare(4, 2, "00") != 0) {
            values.push_back(date.substr(0, 4) + "-" + date.substr(4, 2));
        }
    }
    return values;
}

FacetSpy::FacetSpy(std::vector<std::string> facets, bool per_article)
    : m_facets(std::move(facets)), m_per_article(per_article) {
    const auto& valid = facet_names();
    for (const auto& f : m_facets) {
        if (std::find(valid.begin(), valid.end(), f) == valid.end()) {
            std::string list;
            for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
            throw UsageError("unknown facet '" + f + "'; valid facets: " + list);
        }
    }
}

void FacetSpy::add(const std::string& facet, std::string_view value, const std::string& article) {
    if (m_per_article) {
        m_articles[facet][std::string(value)].insert(article);
    } else {
        ++m_counts[facet][std::string(value)];
    }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    std::string article = m_per_article ? doc.get_value(schema::article_slot) : std::string();
    for (const auto& facet : m_facets) {
        for (const auto& value : facet_values(doc, facet)) add(facet, value, article);
    }
}

Xapian::MatchSpy* FacetSpy::clone() const { return new FacetSpy(m_facets, m_per_article); }

std::string FacetSpy::name() const { return "dossier.FacetSpy"; }

std::string FacetSpy::serialise() const {
    return nlohmann::json{{"facets", m_facets}, {"per_article", m_per_article}}.dump();
}

Xapian::MatchSpy* FacetSpy::unserialise(const std::string& serialised,
                                        const Xapian::Registry&) const {
    auto j = nlohmann::json::parse(serialised);
    return new FacetSpy(j.at("facets").get<std::vector<std::string>>(),
                        j.at("per_article").get<bool>());
}

std::string FacetSpy::serialise_results() const {
    nlohmann::json j;
    j["counts"] = m_counts;
    nlohmann::json articles = nlohmann::json::object();
    for (const auto& [facet, values] : m_articles) {
        for (const auto& [value, ids] : values) articles[facet][value] = ids;
    }
    j["articles"] = articles;
    return j.dump();
}

void FacetSpy::merge_results(const std::string& serialised) {
    auto j = nlohmann::json::parse(serialised);
    for (const auto& [facet, values] : j.at("counts").items()) {
        for (const auto& [value, count] : values.items()) {
            m_counts[facet][value] += count.get<Xapian::doccount>();
        }
    }
    for (const auto& [facet, values] : j.at("articles").items()) {
        for (const auto& [value, ids] : values.items()) {
            for (const auto& id : ids) m_articles[facet][value].insert(id.get<std::string>());
        }
    }
}

std::string FacetSpy::get_description() const { return "dossier.FacetSpy(" + serialise() + ")"; }

FacetCounts FacetSpy::counts() const {
    if (!m_per_article) return m_counts;
    FacetCounts out;
    for (const auto& [facet, values] : m_articles) {
        for (const auto& [value, ids] : values) {
            out[facet][value] = static_cast<Xapian::doccount>(ids.size());
        }
    }
    return out;
}

}  // namespace dossier
