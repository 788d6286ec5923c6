// The report document's JSON form, for machines: the shape described by
// docs/report.schema.json.
#pragma once

#include <nlohmann/json.hpp>

#include "model/report.hpp"

namespace quarterdeck::render {

nlohmann::ordered_json to_json(const ReportDocument& doc);

}  // namespace quarterdeck::render
