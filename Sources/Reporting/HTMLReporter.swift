import APIDiff
import APIModel

/// Renders a diff report as one self-contained HTML page (inline CSS and script, no network
/// assets) with filters by text, change kind and breaking.
public struct HTMLReporter: DiffReporter {
  /// The name in the title, `vLLM`.
  public var package: String

  public init(package: String = "vLLM") {
    self.package = package
  }

  public func render(_ report: DiffReport) -> String {
    let title = HTML.escape("\(package) \(report.from) → \(report.to)")
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(title)</title>
      <style>\(HTMLReporter.style)</style>
      </head>
      <body>
      <h1>\(title)</h1>

      """
    out += summaryTable(report.summary)
    out += """
      <div class="filters">
      <input id="q" type="search" placeholder="Filter by path or text" aria-label="Filter by text">
      <select id="kind" aria-label="Change kind"><option value="">all changes</option>
      """
    for kind in ChangeKind.allCases { out += "<option>\(kind.rawValue)</option>" }
    out += """
      </select>
      <label><input id="breaking" type="checkbox"> breaking only</label>
      <span id="shown"></span>
      </div>
      <table id="changes">
      <thead><tr><th>Change</th><th>Path</th><th>What changed</th><th>Where</th></tr></thead>

      """
    for (group, changes) in ReportGroups.bySection(report.changes) {
      out += "<tbody><tr class=\"group\"><th colspan=\"4\"><code>\(HTML.escape(group))</code> "
        + "<span class=\"muted\">\(changes.count) change\(changes.count == 1 ? "" : "s"), "
        + "\(changes.count(where: \.isBreaking)) breaking</span></th></tr>\n"
      for change in changes { out += row(change) }
      out += "</tbody>\n"
    }
    out += "</table>\n"
    if report.changes.isEmpty { out += "<p>No changes.</p>\n" }
    out += "<script>\(HTMLReporter.script)</script>\n</body>\n</html>\n"
    return out
  }

  private func summaryTable(_ s: DiffSummary) -> String {
    var out = "<table class=\"summary\"><thead><tr><th>Change</th><th>Count</th><th>Breaking</th></tr></thead><tbody>\n"
    for kind in ChangeKind.allCases {
      out += "<tr><td>\(kind.rawValue)</td><td>\(s.counts[kind] ?? 0)</td><td>\(s.breakingCounts[kind] ?? 0)</td></tr>\n"
    }
    out += "<tr class=\"total\"><td>total</td><td>\(s.total)</td><td>\(s.breaking)</td></tr></tbody></table>\n"
    return out
  }

  private func row(_ c: Change) -> String {
    let search = ([c.path, c.newPath ?? "", c.summary, c.rule] + c.details.compactMap(\.name)).joined(separator: " ").lowercased()
    var out = "<tr class=\"change\(c.isBreaking ? " breaking" : "")\" data-kind=\"\(c.change.rawValue)\" "
      + "data-breaking=\"\(c.isBreaking)\" data-text=\"\(HTML.escape(search))\">"
    out += "<td><span class=\"kind \(c.change.rawValue)\">\(c.change.rawValue)</span>"
    if c.isBreaking { out += "<br><span class=\"badge\">\(HTML.escape(ReportGroups.whoBreaks(c)))</span>" }
    out += "</td><td><code>\(HTML.escape(c.path))</code>"
    if let newPath = c.newPath { out += "<br>→ <code>\(HTML.escape(newPath))</code>" }
    out += "</td><td>\(HTML.render(RichText.parse(c.summary)))"
    if !c.details.isEmpty {
      out += "<ul>" + DetailText.lines(c.details).map { "<li>\(HTML.render($0))</li>" }.joined() + "</ul>"
    }
    out += "<div class=\"rule\">\(HTML.escape(c.rule))</div></td><td class=\"where\">"
    out += [c.old, c.new].compactMap { $0.map { HTML.escape("\($0.file):\($0.line)") } }.joined(separator: "<br>→ ")
    return out + "</td></tr>\n"
  }

  static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#1f2328}
    h1{font-size:1.6em;margin-bottom:.6em}
    code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f3f4f6;padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
    table{border-collapse:collapse;width:100%}
    #changes{table-layout:fixed}#changes th:nth-child(1){width:8em}#changes th:nth-child(2){width:30%}#changes th:nth-child(4){width:17em}
    td.where{font-size:12px;color:#57606a;overflow-wrap:anywhere}
    th,td{border-bottom:1px solid #d8dee4;padding:.45em .6em;text-align:left;vertical-align:top}
    table.summary{width:auto;margin-bottom:1.2em}
    table.summary td:nth-child(n+2){text-align:right}
    tr.total td{font-weight:600}
    tr.group th{background:#f6f8fa;font-weight:600;padding-top:.8em}
    tr.breaking td:first-child{border-left:4px solid #cf222e}
    .filters{display:flex;gap:1em;align-items:center;margin:1em 0;position:sticky;top:0;background:#fff;padding:.5em 0}
    .filters input[type=search]{flex:1;padding:.4em .6em;font:inherit}
    .kind{font-weight:600}
    .kind.removed,.kind.kind{color:#cf222e}.kind.added{color:#1a7f37}.kind.moved{color:#8250df}
    .kind.signature,.kind.bases{color:#9a6700}.kind.body,.kind.value{color:#57606a}
    .badge{display:inline-block;font-size:11px;color:#fff;background:#cf222e;border-radius:8px;padding:0 .5em;margin-top:.2em}
    .muted,.rule{color:#57606a;font-size:12px;font-weight:400}
    ul{margin:.3em 0;padding-left:1.2em}
    """

  static let script = """
    (function(){
      var q=document.getElementById('q'),k=document.getElementById('kind'),b=document.getElementById('breaking'),
          shown=document.getElementById('shown');
      function apply(){
        var text=q.value.toLowerCase(),kind=k.value,only=b.checked,n=0;
        document.querySelectorAll('#changes tbody').forEach(function(body){
          var visible=0;
          body.querySelectorAll('tr.change').forEach(function(r){
            var ok=(!text||r.dataset.text.indexOf(text)>=0)&&(!kind||r.dataset.kind===kind)&&(!only||r.dataset.breaking==='true');
            r.style.display=ok?'':'none';if(ok){visible++;}
          });
          body.style.display=visible?'':'none';n+=visible;
        });
        shown.textContent=n+' shown';
      }
      [q,k,b].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});
      apply();
    })();
    """
}
