#include "engine/report/report_style.h"

namespace loadstar::report {

const char* const kReportStyle = R"css(
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2329; background: #ffffff;
       margin: 0; font-size: 14px; line-height: 1.45; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e3e6ea; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.subtitle { color: #5b6470; margin: 0 0 16px; }
p.note, p.caption { color: #5b6470; font-size: 12.5px; margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { padding: 5px 9px; text-align: left; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #f4f6f8; font-weight: 600; color: #3c4149; white-space: nowrap; }
td.name { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.facts th { width: 150px; background: none; }
table.kpi td { border: 1px solid #e3e6ea; padding: 8px 12px; width: 25%; }
.kpi-label { color: #5b6470; font-size: 12px; }
.kpi-value { font-size: 21px; font-weight: 600; }
.verdict { padding: 12px 16px; border-radius: 6px; font-size: 18px; font-weight: 700; margin: 8px 0 10px; }
.pass { background: #e3f4e8; color: #17663a; }
.fail { background: #fbe4e4; color: #a8232a; }
.none { background: #f1f3f5; color: #4a525c; }
.warn { background: #fff4dd; color: #7a5200; padding: 8px 12px; border-radius: 6px; }
span.ok { color: #17663a; font-weight: 600; }
span.bad { color: #a8232a; font-weight: 600; }
span.better { color: #17663a; font-weight: 600; }
span.worse { color: #a8232a; font-weight: 600; }
span.same { color: #6b7280; }
td.differs { background: #fff4dd; }
figure { margin: 14px 0 20px; page-break-inside: avoid; break-inside: avoid; }
figure svg, figure img { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 4px; }
footer { color: #6b7280; font-size: 12px; margin-top: 36px; border-top: 1px solid #e3e6ea; padding-top: 8px; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11.5px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; break-after: avoid; margin-top: 18px; }
  table, tr { page-break-inside: avoid; break-inside: avoid; }
  section.charts { page-break-before: always; break-before: page; }
  a { color: inherit; text-decoration: none; }
}
)css";

}  // namespace loadstar::report
