// The optional probe of declared endpoints (`--probe`): one GET without
// credentials, no redirects followed, a short timeout. It records what
// answered; it never sends anything but the request line and headers.
#pragma once

#include <chrono>
#include <string>

#include "model/repo_scan.hpp"

namespace quarterdeck::scan {

EndpointProbe probe_endpoint(const std::string& entity, const std::string& url,
                             std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace quarterdeck::scan
