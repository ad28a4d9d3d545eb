/// The one stylesheet, inlined in every page and in the report.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#f6f7f9}
        header{display:flex;gap:24px;align-items:center;padding:10px 24px;background:#1f2a44;color:#fff;flex-wrap:wrap}
        header .brand{font-weight:700;font-size:17px}header nav a{color:#cfd8ee;text-decoration:none;margin-right:14px;padding:3px 0}
        header nav a[aria-current=page]{color:#fff;border-bottom:2px solid #8fb3ff}main{padding:8px 24px 40px;max-width:1400px}
        h1{font-size:22px;margin:14px 0}h2{font-size:17px;margin:26px 0 8px}h3{font-size:15px;margin:16px 0 6px}
        .cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}.card{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:8px 14px;min-width:110px}
        .card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}
        .grid{display:flex;flex-wrap:wrap;gap:12px}.panel{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:8px;margin:8px 0;overflow-x:auto}
        svg.chart{max-width:100%;height:auto;display:block}
        table{border-collapse:collapse;background:#fff;margin:6px 0;font-size:13px}th,td{border:1px solid #dde1e8;padding:3px 7px;text-align:left;vertical-align:top}
        th{background:#eef1f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .note{color:#555}.error{background:#fff0f0;border:1px solid #e3a0a0;padding:8px 12px;border-radius:6px;color:#8a1f1f}
        form.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:8px 0}label{display:block;font-size:12px;color:#444}
        input[type=text],input[type=search],select,textarea{font:inherit;padding:4px 6px;border:1px solid #bbb;border-radius:4px}
        textarea{width:100%;font-family:ui-monospace,monospace}button,.button{font:inherit;padding:4px 12px;border:1px solid #3b5998;background:#3b5998;color:#fff;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block}
        .sliders{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:6px 18px;max-width:980px}
        .sliders input[type=range]{width:100%}.sliders output{font-variant-numeric:tabular-nums;color:#333}
        .suggest{position:relative}.suggest ul{position:absolute;z-index:5;background:#fff;border:1px solid #bbb;list-style:none;margin:0;padding:0;min-width:360px}
        .suggest li a{display:block;padding:3px 8px;color:#1d1d1f;text-decoration:none}.suggest li a:hover,.suggest li a:focus{background:#e8eefc}
        .reasons{color:#555;font-size:12px}code,pre{font-family:ui-monospace,monospace}.muted{color:#777}
        .download{margin:4px 0 0;font-size:12px}fieldset.choice{border:1px solid #dde1e8;border-radius:4px;padding:2px 8px;margin:0}
        fieldset.choice legend{font-size:12px;color:#444}fieldset.choice label{display:inline-block;margin-right:12px;font-size:13px;color:#1d1d1f}
        input[type=number]{font:inherit;padding:4px 6px;border:1px solid #bbb;border-radius:4px;width:5.5em}a.near-miss{font-weight:600}
        footer{color:#888;font-size:12px;padding:16px 24px}
        """
}
