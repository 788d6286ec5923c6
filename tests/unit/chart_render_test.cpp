// Drawing charts: one chart's PNG and PDF against goldens in
// tests/golden/charts/ (compared pixel-tolerantly: fonts and antialiasing
// may move a few pixels between library versions, not the chart), the same
// bytes for the same chart, the accent colour used, and a chart without data
// saying so instead of drawing an empty axis.
//
// To accept a change to the drawing: QD_UPDATE_GOLDENS=1 ctest -R ChartRender
// (or tests/golden/charts/update.sh), then look at the PNGs before committing.
// On a mismatch the actual image is written to chart-actual/ in the test's
// working directory.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "analyze/report_builder.hpp"
#include "config/environment.hpp"
#include "config/portfolio_loader.hpp"
#include "render/charts.hpp"
#include "test_support.hpp"

namespace quarterdeck::render {
namespace {

namespace fs = std::filesystem;

const fs::path k_goldens = fs::path(QD_SOURCE_DIR) / "tests" / "golden" / "charts";

bool updating() {
  const char* v = std::getenv("QD_UPDATE_GOLDENS");
  return v != nullptr && std::string_view(v) == "1";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, std::string_view data) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << data;
}

// A fixed chart: revenue against a $40,000 target, January to October,
// out of season in January and February.
Chart revenue_chart() {
  Chart c;
  c.id = "revenue-vs-target";
  c.kind = Chart::Kind::bars;
  c.title = "Revenue against target, Jan–Oct 2026";
  c.scale = 2;
  c.labels = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct"};
  c.series = {
      {"Revenue",
       {0, 120050, 1850000, 2600000, 3900000, 4410000, 4720000, 3980000, 2875000, 3608200}}};
  c.target = ChartSeries{"Target",
                         {std::nullopt, std::nullopt, 4000000, 4000000, 4000000, 4000000, 4000000,
                          4000000, 4000000, 4000000}};
  c.section = "revenue-targets";
  c.alt = "Revenue against target, Jan–Oct 2026: $36,082 in October against a $40,000 target.";
  return c;
}

Chart empty_chart() {
  Chart c = revenue_chart();
  c.id = "revenue-vs-target-empty";
  for (auto& v : c.series[0].values) v.reset();
  c.empty_note = "No revenue recorded for 2026 yet: needs income postings in the journal.";
  return c;
}

// Pixels of a PNG, as cairo decodes it.
struct Raster {
  int width = 0, height = 0, stride = 0;
  std::vector<unsigned char> data;  // ARGB32 or RGB24, 4 bytes a pixel
  bool ok() const { return width > 0; }
  std::array<int, 3> rgb(int x, int y) const {
    const unsigned char* p = &data[static_cast<std::size_t>(y * stride + x * 4)];
    return {p[2], p[1], p[0]};  // little-endian BGRA
  }
};

Raster decode(const std::string& png) {
  struct Reader {
    const std::string* s;
    std::size_t at = 0;
  } reader{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->at + length > r->s->size()) return CAIRO_STATUS_READ_ERROR;
        std::copy_n(r->s->data() + r->at, length, data);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  Raster out;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    cairo_surface_flush(s);
    out.width = cairo_image_surface_get_width(s);
    out.height = cairo_image_surface_get_height(s);
    out.stride = cairo_image_surface_get_stride(s);
    const unsigned char* d = cairo_image_surface_get_data(s);
    out.data.assign(d, d + static_cast<std::ptrdiff_t>(out.stride) * out.height);
  }
  cairo_surface_destroy(s);
  return out;
}

// Whether two images are the same chart: the same size, and at most 0.5% of
// the pixels differ by more than 40 in a channel.
::testing::AssertionResult same_picture(const std::string& actual_png,
                                        const std::string& golden_png) {
  const Raster a = decode(actual_png), g = decode(golden_png);
  if (!a.ok() || !g.ok()) return ::testing::AssertionFailure() << "cannot decode a PNG";
  if (a.width != g.width || a.height != g.height) {
    return ::testing::AssertionFailure()
           << "size " << a.width << "x" << a.height << ", golden " << g.width << "x" << g.height;
  }
  std::int64_t differ = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const auto p = a.rgb(x, y), q = g.rgb(x, y);
      for (int i = 0; i < 3; ++i) {
        if (std::abs(p[static_cast<std::size_t>(i)] - q[static_cast<std::size_t>(i)]) > 40) {
          ++differ;
          break;
        }
      }
    }
  }
  const std::int64_t allowed = static_cast<std::int64_t>(a.width) * a.height / 200;
  if (differ > allowed) {
    return ::testing::AssertionFailure()
           << differ << " pixels differ (at most " << allowed << " may)";
  }
  return ::testing::AssertionSuccess();
}

// Compares `actual` with the golden `name`, or writes it when updating.
void check_golden(const std::string& name, const std::string& actual_png,
                  const std::string& golden_png) {
  if (updating()) return;
  const auto result = same_picture(actual_png, golden_png);
  if (!result) {
    const fs::path out = fs::current_path() / "chart-actual" / name;
    write_file(out, actual_png);
    ADD_FAILURE() << name << ": " << result.message() << "; the actual image is " << out.string()
                  << " (QD_UPDATE_GOLDENS=1 accepts it)";
  }
}

std::string pdf_of(const Chart& c, double width, double height) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out, width, height);
  cairo_t* cr = cairo_create(surface);
  draw_chart(cr, c, 0, 0, width, height, {});
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

// A scratch folder for the poppler tools, removed with the test.
struct Scratch {
  fs::path dir =
      fs::temp_directory_path() /
      ("qd-chart-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
};

// The PDF's only page at 72 dpi, with pdftoppm.
std::string pdf_raster(const Scratch& s, const std::string& pdf, const std::string& name) {
  write_file(s.dir / (name + ".pdf"), pdf);
  const std::string cmd = "pdftoppm -r 72 -png -singlefile '" + (s.dir / (name + ".pdf")).string() +
                          "' '" + (s.dir / name).string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return read_file(s.dir / (name + ".png"));
}

std::string pdf_text(const Scratch& s, const std::string& pdf) {
  write_file(s.dir / "text.pdf", pdf);
  const std::string cmd = "pdftotext -raw '" + (s.dir / "text.pdf").string() + "' '" +
                          (s.dir / "text.txt").string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string text = read_file(s.dir / "text.txt");
  for (char& ch : text) {
    if (ch == '\n') ch = ' ';
  }
  return text;
}

TEST(ChartRender, PngMatchesTheGolden) {
  const std::string png = chart_png(revenue_chart(), 560, 260, 2.0, {});
  const Raster r = decode(png);
  EXPECT_EQ(r.width, 1120);  // 560 x 260 CSS pixels at 2x
  EXPECT_EQ(r.height, 520);
  const fs::path golden = k_goldens / "revenue-vs-target.png";
  if (updating()) write_file(golden, png);
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run with QD_UPDATE_GOLDENS=1";
  check_golden("revenue-vs-target.png", png, read_file(golden));
}

TEST(ChartRender, PdfMatchesTheGoldenAndHoldsItsText) {
  const Scratch s;
  const std::string pdf = pdf_of(revenue_chart(), 560, 260);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const fs::path golden = k_goldens / "revenue-vs-target.pdf";
  if (updating()) write_file(golden, pdf);
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run with QD_UPDATE_GOLDENS=1";
  const std::string actual = pdf_raster(s, pdf, "actual");
  const Raster r = decode(actual);
  EXPECT_EQ(r.width, 560);
  EXPECT_EQ(r.height, 260);
  check_golden("revenue-vs-target.pdf.png", actual, pdf_raster(s, read_file(golden), "golden"));
  // Text as text, not outlines: the title, the month labels, the short ticks.
  const std::string text = pdf_text(s, pdf);
  for (const char* want :
       {"Revenue against target, Jan–Oct 2026", "Jan", "Oct", "$40k", "$0", "Revenue", "Target"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in: " << text;
  }
}

TEST(ChartRender, SameChartSameBytes) {
  const Chart c = revenue_chart();
  EXPECT_EQ(chart_png(c, 560, 260, 2.0, {}), chart_png(c, 560, 260, 2.0, {}));
  EXPECT_NE(chart_png(c, 560, 260, 2.0, {}), chart_png(c, 560, 260, 1.0, {}));
}

TEST(ChartRender, TheAccentColourDrawsTheMainSeries) {
  const auto reddish = [](const Raster& r) {
    std::int64_t n = 0;
    for (int y = 0; y < r.height; ++y) {
      for (int x = 0; x < r.width; ++x) {
        const auto p = r.rgb(x, y);
        if (p[0] > 200 && p[1] < 40 && p[2] < 40) ++n;
      }
    }
    return n;
  };
  RenderOptions red;
  red.accent = "#e00000";
  const Raster plain = decode(chart_png(revenue_chart(), 560, 260, 1.0, {}));
  const Raster accented = decode(chart_png(revenue_chart(), 560, 260, 1.0, red));
  EXPECT_EQ(reddish(plain), 0);
  EXPECT_GT(reddish(accented), 2000);  // eight tall bars
}

TEST(ChartRender, EmptyChartSaysWhatIsMissing) {
  const Chart c = empty_chart();
  ASSERT_TRUE(c.empty());
  // The PNG is not blank: it has the title and the note.
  const Raster r = decode(chart_png(c, 560, chart_height(c), 1.0, {}));
  std::int64_t inked = 0;
  for (int y = 0; y < r.height; ++y) {
    for (int x = 0; x < r.width; ++x) {
      const auto p = r.rgb(x, y);
      if (p[0] < 128 && p[1] < 128 && p[2] < 128) ++inked;
    }
  }
  EXPECT_GT(inked, 500);
  // In the PDF the note is text, and there is no axis.
  const Scratch s;
  const std::string text = pdf_text(s, pdf_of(c, 560, chart_height(c)));
  EXPECT_NE(text.find("No revenue recorded for 2026 yet: needs income postings in the journal."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Revenue against target"), std::string::npos) << text;
  for (const char* axis :
       {"$0", "$40k", "Mar", "Target"}) {  // no ticks, no month labels, no legend
    EXPECT_EQ(text.find(axis), std::string::npos) << axis << " in: " << text;
  }
}

TEST(ChartRender, EveryKindDrawsAndEveryChartBecomesAnImage) {
  ReportDocument doc;
  doc.charts.push_back(revenue_chart());
  Chart line = revenue_chart();
  line.id = "cash-runway";
  line.kind = Chart::Kind::line;
  line.target.reset();
  doc.charts.push_back(line);
  Chart stacked = revenue_chart();
  stacked.id = "expense-mix";
  stacked.kind = Chart::Kind::stacked;
  stacked.series.push_back({"Fuel", {100, 200, 300, -50, std::nullopt, 0, 0, 0, 0, 10}});
  doc.charts.push_back(stacked);
  Chart horizontal;
  horizontal.id = "cloud-cost-by-service-alpha";
  horizontal.kind = Chart::Kind::horizontal;
  horizontal.title = "Cloud cost by service, October 2026";
  horizontal.scale = 2;
  horizontal.labels = {"Amazon EC2", "Amazon S3"};
  horizontal.series = {{"Cost", {15000, 1050}}};
  doc.charts.push_back(horizontal);
  Chart sparks;
  sparks.id = "entity-sparklines";
  sparks.kind = Chart::Kind::sparklines;
  sparks.title = "Revenue by month";
  sparks.scale = 2;
  sparks.labels = {"Sep", "Oct"};
  sparks.series = {
      {"Alpha", {100, 300}}, {"Beta", {std::nullopt, std::nullopt}}, {"Gamma", {5, 5}}};
  doc.charts.push_back(sparks);
  doc.charts.push_back(empty_chart());

  const auto images = chart_images(doc, {});
  ASSERT_EQ(images.size(), doc.charts.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    const Chart& c = doc.charts[i];
    EXPECT_EQ(images[i].name, "chart-" + c.id + ".png");
    EXPECT_EQ(images[i].content_type, "image/png");
    EXPECT_EQ(images[i].alt, c.alt);
    const Raster r = decode(images[i].data);
    EXPECT_EQ(r.width, 2 * k_chart_width) << c.id;
    EXPECT_EQ(r.height, 2 * chart_height(c)) << c.id;
  }
  EXPECT_EQ(chart_height(horizontal), 124);
  EXPECT_EQ(chart_height(sparks), 164);
  EXPECT_EQ(chart_height(empty_chart()), 140);
}

// Every built-in report of the reference portfolio with its charts: the ids
// in the definitions' order, each drawn as a PNG of its size, small enough
// for e-mail. QD_CHART_DUMP=DIR writes them there, to look at.
TEST(ChartRender, ReferencePortfolioCharts) {
  const MapEnvironment env;
  const auto loaded = load_portfolio(QD_SOURCE_DIR "/examples/portfolio", env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  Diagnostics diags;
  const Dataset data = load_dataset(loaded.portfolio, diags);
  const AnalysisContext ctx(loaded.portfolio, data, *Date::parse("2026-11-16"));
  const char* dump = std::getenv("QD_CHART_DUMP");
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& def : loaded.portfolio.reports) {
    const ReportDocument doc = build_report(def, ctx, {});
    for (const auto& image : chart_images(doc, {})) {
      ids[def.id].push_back(image.name);
      EXPECT_LT(image.data.size(), 100u * 1024) << image.name;
      EXPECT_FALSE(image.alt.empty()) << image.name;
      if (dump != nullptr) write_file(fs::path(dump) / def.id / image.name, image.data);
    }
    for (const auto& c : doc.charts) {
      EXPECT_TRUE(!c.empty() || !c.empty_note.empty()) << c.id;
    }
  }
  std::string listing;
  for (const auto& [report, names] : ids) {
    listing += report + ":";
    for (const auto& n : names) listing += " " + n;
    listing += "\n";
  }
  EXPECT_EQ(
      listing,
      "accounting: chart-expense-mix.png\n"
      "ceo: chart-entity-sparklines.png\n"
      "cfo: chart-revenue-vs-target-jada.png chart-revenue-vs-target-queenofsandiego.png "
      "chart-revenue-vs-target-quickdumpnow.png chart-revenue-vs-target-rental-51st.png "
      "chart-revenue-vs-target-expert-yacht-delivery.png chart-revenue-vs-target-dc-clients.png "
      "chart-cash-runway.png chart-cash-forecast.png chart-expense-mix.png\n"
      "cmo: chart-pipeline-by-month.png chart-channel-matrix.png\n"
      "cto: chart-cloud-cost-by-service-jada.png chart-cloud-cost-by-service-dangerouscentaur.png\n"
      "dc-clients: chart-revenue-vs-target-dc-clients.png chart-cash-runway.png\n"
      "expert-yacht-delivery: chart-revenue-vs-target-expert-yacht-delivery.png "
      "chart-pipeline-by-month.png "
      "chart-cash-runway.png\n"
      "rental-51st: chart-revenue-vs-target-rental-51st.png chart-cash-runway.png\n");
}

// The other test portfolios: every chart draws, and one without data says
// what is missing.
TEST(ChartRender, TestPortfoliosCharts) {
  const char* dump = std::getenv("QD_CHART_DUMP");
  for (const char* name : {"second", "third"}) {
    const MapEnvironment env;
    const auto loaded = load_portfolio(fs::path(QD_SOURCE_DIR) / "tests" / "portfolios" / name, env);
    ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
    Diagnostics diags;
    const Dataset data = load_dataset(loaded.portfolio, diags);
    const AnalysisContext ctx(loaded.portfolio, data, *Date::parse("2026-11-16"));
    for (const auto& def : loaded.portfolio.reports) {
      const ReportDocument doc = build_report(def, ctx, {});
      const auto images = chart_images(doc, {});
      ASSERT_EQ(images.size(), doc.charts.size());
      for (std::size_t i = 0; i < images.size(); ++i) {
        const Chart& c = doc.charts[i];
        EXPECT_TRUE(!c.empty() || !c.empty_note.empty()) << name << " " << c.id;
        EXPECT_FALSE(c.alt.empty()) << name << " " << c.id;
        EXPECT_EQ(decode(images[i].data).height, 2 * chart_height(c)) << name << " " << c.id;
        if (dump != nullptr) write_file(fs::path(dump) / name / def.id / images[i].name, images[i].data);
      }
    }
  }
}

}  // namespace
}  // namespace quarterdeck::render
