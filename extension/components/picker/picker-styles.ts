// The picker's stylesheet, injected into its shadow root by the content script's `getStyle`.
// `:host { all: initial }` keeps the page's CSS (and inherited fonts and colours) out.
export const PICKER_CSS = `
:host{all:initial!important;display:block!important}
*,*::before,*::after{box-sizing:border-box}
.cs-card,.cs-pill{all:initial;box-sizing:border-box;position:fixed;z-index:2147483647;right:16px;top:76px;font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#0f172a;-webkit-font-smoothing:antialiased}
.cs-card{display:flex;flex-direction:column;width:368px;max-height:calc(100vh - 96px);background:#fff;border:1px solid #dbe2ea;border-radius:12px;box-shadow:0 12px 32px rgba(15,23,42,.16),0 2px 6px rgba(15,23,42,.08);overflow:hidden}
.cs-pill{display:flex;align-items:center;gap:8px;padding:6px 12px 6px 8px;background:#fff;border:1px solid #dbe2ea;border-radius:999px;box-shadow:0 6px 18px rgba(15,23,42,.14);cursor:pointer;font-weight:600}
.cs-pill:focus-visible,.cs-card button:focus-visible,.cs-card select:focus-visible,.cs-card input:focus-visible,.cs-card a:focus-visible{outline:2px solid #0f766e;outline-offset:2px}
.cs-pill-name{max-width:200px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cs-head{display:flex;align-items:center;gap:10px;padding:12px 12px 10px 14px;border-bottom:1px solid #eef2f6;background:linear-gradient(180deg,#f8fafc,#fff)}
.cs-logo{flex:none}
.cs-who{flex:1;min-width:0}
.cs-name{margin:0;font-size:14px;font-weight:650;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cs-sub{margin:1px 0 0;color:#64748b;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cs-icon{display:inline-block;vertical-align:-2px;flex:none}
.cs-icon-btn{all:unset;cursor:pointer;display:grid;place-items:center;width:26px;height:26px;border-radius:6px;color:#64748b}
.cs-icon-btn:hover{background:#f1f5f9;color:#0f172a}
.cs-body{padding:12px 14px 12px;overflow:auto;display:flex;flex-direction:column;gap:10px}
.cs-body>*{flex-shrink:0}
.cs-status-line{display:flex;min-height:22px;align-items:center}
.cs-match{display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.cs-why{color:#64748b;font-size:12px}
.cs-why a,.cs-link{color:#0f766e;font-weight:600;text-decoration:none}
.cs-why a:hover,.cs-link:hover{text-decoration:underline}
.cs-badge{display:inline-flex;align-items:center;gap:4px;padding:2px 8px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid transparent}
.cs-badge-green{background:#ecfdf5;color:#047857;border-color:#a7f3d0}
.cs-badge-muted{background:#f1f5f9;color:#475569;border-color:#e2e8f0}
.cs-badge-amber{background:#fffbeb;color:#b45309;border-color:#fde68a}
.cs-alert{display:flex;gap:8px;padding:9px 10px;border-radius:8px;border:1px solid}
.cs-alert p{margin:2px 0 0}
.cs-alert-danger{background:#fef2f2;border-color:#fecaca;color:#991b1b}
.cs-alert-danger .cs-icon{color:#dc2626;margin-top:2px}
.cs-alert-amber{background:#fffbeb;border-color:#fde68a;color:#92400e}
.cs-syncas-row{display:flex;align-items:center;gap:8px}
.cs-label{font-weight:600;font-size:12px;color:#334155}
.cs-syncas-row .cs-label{font-size:13px;color:#0f172a;min-width:56px}
.cs-select,.cs-input{all:unset;box-sizing:border-box;font:inherit;color:#0f172a;background:#fff;border:1px solid #cbd5e1;border-radius:7px;padding:5px 8px;min-height:30px}
.cs-select{flex:1;cursor:pointer;padding-right:26px;background-image:linear-gradient(45deg,transparent 50%,#64748b 50%),linear-gradient(135deg,#64748b 50%,transparent 50%);background-position:calc(100% - 13px) 13px,calc(100% - 9px) 13px;background-size:4px 4px;background-repeat:no-repeat}
.cs-select:disabled{background-color:#f1f5f9;color:#64748b;cursor:not-allowed}
.cs-input{width:100%}
.cs-input[aria-invalid=true],.cs-select[aria-invalid=true]{border-color:#dc2626;box-shadow:0 0 0 3px rgba(220,38,38,.12)}
.cs-select:hover,.cs-input:hover{border-color:#94a3b8}
.cs-arrow{all:unset;cursor:pointer;display:grid;place-items:center;width:30px;height:30px;border-radius:7px;border:1px solid #cbd5e1;color:#475569;background:#f8fafc}
.cs-arrow[aria-expanded=true]{background:#f0fdfa;border-color:#99f6e4;color:#0f766e}
.cs-source{margin:4px 0 0;display:flex;align-items:center;gap:6px;color:#64748b;font-size:12px}
.cs-source-value{margin:0}
.cs-link{all:unset;cursor:pointer;color:#0f766e;font-weight:600;font-size:12px}
.cs-options{display:flex;flex-direction:column;gap:10px;padding:10px;border-radius:8px;background:#f8fafc;border:1px solid #eef2f6}
.cs-field{display:flex;flex-direction:column;gap:4px}
.cs-fieldset{all:unset;display:flex;flex-direction:column;gap:6px}
.cs-fieldset[disabled]{opacity:.75}
.cs-fieldset>legend{padding:0;margin-bottom:2px}
.cs-label-field{font-weight:500;color:#475569}
.cs-req{color:#b91c1c;font-weight:700}
.cs-chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.cs-chip{display:inline-flex;align-items:center;gap:4px;padding:2px 4px 2px 9px;border-radius:999px;background:#fff;border:1px solid #cbd5e1;font-size:12px}
.cs-chip-added{background:#f0fdfa;border-color:#99f6e4;color:#115e59}
.cs-chip-removed{background:#f8fafc;color:#94a3b8;padding-right:8px}
.cs-chip-x{all:unset;cursor:pointer;display:grid;place-items:center;width:18px;height:18px;border-radius:50%;color:#64748b}
.cs-chip-x:hover{background:#e2e8f0;color:#0f172a}
.cs-inline{display:flex;gap:6px}
.cs-btn{all:unset;box-sizing:border-box;cursor:pointer;display:inline-flex;align-items:center;justify-content:center;gap:6px;padding:6px 10px;min-height:30px;border-radius:7px;border:1px solid #cbd5e1;background:#fff;color:#0f172a;font:inherit;font-weight:600;font-size:12.5px;white-space:nowrap}
.cs-btn:hover{background:#f8fafc;border-color:#94a3b8}
.cs-btn-primary{background:#0f766e;border-color:#0f766e;color:#fff}
.cs-btn-primary:hover{background:#115e59;border-color:#115e59}
.cs-btn:disabled{opacity:.5;cursor:not-allowed}
.cs-preview{border-top:1px solid #eef2f6;padding-top:10px}
.cs-h3{margin:0 0 6px;font-size:11px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:#64748b}
.cs-stale{margin:6px 0 0;color:#b45309}
.cs-verdict{margin:0 0 4px;font-weight:650}
.cs-verdict-create,.cs-verdict-update{color:#0f766e}
.cs-verdict-blocked{color:#b91c1c}
.cs-verdict-skip,.cs-verdict-note_only{color:#475569}
.cs-reasons{margin:0 0 6px;padding-left:16px;color:#475569;font-size:12px}
.cs-table{width:100%;border-collapse:collapse;font-size:12px;table-layout:fixed}
.cs-table th,.cs-table td{text-align:left;padding:4px 4px;border-bottom:1px solid #f1f5f9;vertical-align:top}
.cs-table thead th{color:#94a3b8;font-weight:600;font-size:11px}
.cs-table th[scope=row]{font-weight:600;color:#334155;width:26%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cs-val{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cs-table td:last-child{width:40%}
.cs-why-cell{display:block;color:#94a3b8;font-size:11px;line-height:1.3;margin-top:1px}
.cs-op{display:inline-block;padding:1px 6px;border-radius:5px;font-weight:600;font-size:11px}
.cs-op-set{background:#ecfdf5;color:#047857}
.cs-op-keep{background:#f1f5f9;color:#475569}
.cs-op-protected{background:#fffbeb;color:#b45309}
.cs-actions{display:grid;grid-template-columns:1fr 1fr;gap:6px;padding-top:2px}
.cs-actions .cs-btn-primary{grid-column:1/-1;min-height:34px;font-size:13px}
.cs-actions-note{grid-column:1/-1;margin:0}
.cs-notice{margin:0;padding:7px 9px;border-radius:7px;font-size:12px}
.cs-notice-success{background:#ecfdf5;color:#047857}
.cs-notice-queued{background:#fffbeb;color:#92400e}
.cs-notice-error{background:#fef2f2;color:#991b1b}
.cs-error{margin:0;color:#b91c1c;font-size:12px}
.cs-last{margin:0;color:#64748b;font-size:12px;border-top:1px solid #eef2f6;padding-top:8px}
.cs-last-failed{color:#b91c1c}
.cs-small{font-size:12px;margin:4px 0 0}
.cs-muted{color:#64748b}
.cs-empty{display:flex;flex-direction:column;align-items:flex-start;gap:8px}
.cs-empty p{margin:0}
.cs-loading{display:flex;flex-direction:column;gap:8px;color:#64748b}
.cs-spinner{width:14px;height:14px;border-radius:50%;border:2px solid #99f6e4;border-top-color:#0f766e;animation:cs-spin .8s linear infinite}
.cs-skeleton{display:block;height:10px;border-radius:5px;background:linear-gradient(90deg,#f1f5f9,#e2e8f0,#f1f5f9);background-size:200% 100%;animation:cs-shine 1.2s ease-in-out infinite}
.cs-skeleton-short{width:60%}
.cs-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@keyframes cs-spin{to{transform:rotate(360deg)}}
@keyframes cs-shine{0%{background-position:100% 0}100%{background-position:-100% 0}}
@media (prefers-reduced-motion:reduce){.cs-spinner,.cs-skeleton{animation:none}}
`
