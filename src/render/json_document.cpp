#include "render/json_document.hpp"

namespace quarterdeck::render {
namespace {

nlohmann::ordered_json evidence_json(const std::vector<Evidence>& evidence) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& e : evidence) out.push_back({{"source", e.source}, {"detail", e.detail}});
  return out;
}

nlohmann::ordered_json optional_date(const std::optional<Date>& d) {
  return d ? nlohmann::ordered_json(d->to_string()) : nlohmann::ordered_json(nullptr);
}

std::string_view kind_name(Quantity::Kind k) {
  switch (k) {
    case Quantity::Kind::money: return "money";
    case Quantity::Kind::count: return "count";
    case Quantity::Kind::percent: return "percent";
    case Quantity::Kind::months: return "months";
    case Quantity::Kind::ratio: return "ratio";
  }
  return "count";
}

}  // namespace

nlohmann::ordered_json to_json(const ReportDocument& doc) {
  nlohmann::ordered_json j;
  j["report_id"] = doc.report_id;
  j["persona"] = doc.persona;
  j["title"] = doc.title;
  j["portfolio"] = doc.portfolio;
  j["as_of"] = doc.as_of.to_string();
  j["period"] = doc.period;
  j["summary"] = doc.summary;

  auto findings = nlohmann::ordered_json::array();
  for (const auto& f : doc.findings) {
    findings.push_back({{"id", f.id},
                        {"severity", to_string(f.severity)},
                        {"title", f.title},
                        {"category", f.category},
                        {"evidence", evidence_json(f.evidence)},
                        {"recommendation", f.recommendation},
                        {"entity", f.entity},
                        {"owner", f.owner},
                        {"due", optional_date(f.due)},
                        {"subject", f.subject},
                        {"merged", f.merged},
                        {"score", f.score},
                        {"at_stake", f.at_stake ? nlohmann::ordered_json(Quantity::of_money(*f.at_stake).to_decimal())
                                                : nlohmann::ordered_json(nullptr)},
                        {"days_to_impact", f.days_to_impact ? nlohmann::ordered_json(*f.days_to_impact)
                                                            : nlohmann::ordered_json(nullptr)}});
    if (!f.since_previous.empty()) findings.back()["since_previous"] = f.since_previous;
  }
  j["findings"] = std::move(findings);

  auto kpis = nlohmann::ordered_json::array();
  for (const auto& k : doc.kpis) {
    nlohmann::ordered_json o{{"id", k.id}, {"name", k.name}, {"entity", k.entity}};
    if (k.value) {
      o["value"] = k.value->to_decimal();
      o["display"] = k.value->to_display(doc.currency_symbol);
      o["kind"] = kind_name(k.value->kind);
    } else {
      o["value"] = nullptr;
      o["display"] = "missing";
      o["missing_data"] = k.missing_data;
    }
    o["target"] = k.target ? nlohmann::ordered_json(*k.target) : nlohmann::ordered_json(nullptr);
    o["unit"] = k.unit;
    o["status"] = k.status;
    o["trend"] = k.trend;
    o["evidence"] = evidence_json(k.evidence);
    if (doc.previous_as_of) {
      o["previous"] = k.previous ? nlohmann::ordered_json{{"value", k.previous->to_decimal()},
                                                          {"display", k.previous->to_display(doc.currency_symbol)}}
                                 : nlohmann::ordered_json(nullptr);
    }
    kpis.push_back(std::move(o));
  }
  j["kpis"] = std::move(kpis);

  auto sections = nlohmann::ordered_json::array();
  for (const auto& s : doc.sections) {
    sections.push_back({{"id", s.id},
                        {"title", s.title},
                        {"note", s.note},
                        {"columns", s.columns},
                        {"rows", s.rows}});
  }
  j["sections"] = std::move(sections);

  auto recommendations = nlohmann::ordered_json::array();
  for (const auto& r : doc.recommendations) {
    recommendations.push_back({{"id", r.id},
                               {"text", r.text},
                               {"owner", r.owner},
                               {"due", optional_date(r.due)},
                               {"finding", r.finding_id}});
  }
  j["recommendations"] = std::move(recommendations);

  auto timeline = nlohmann::ordered_json::array();
  for (const auto& t : doc.timeline) {
    timeline.push_back(
        {{"date", t.date.to_string()}, {"action", t.action}, {"owner", t.owner}, {"source", t.source}});
  }
  j["timeline"] = std::move(timeline);
  j["previous_as_of"] = optional_date(doc.previous_as_of);
  auto resolved = nlohmann::ordered_json::array();
  for (const auto& r : doc.resolved) {
    resolved.push_back({{"id", r.id}, {"severity", to_string(r.severity)}, {"title", r.title}});
  }
  j["resolved"] = std::move(resolved);
  return j;
}

}  // namespace quarterdeck::render
