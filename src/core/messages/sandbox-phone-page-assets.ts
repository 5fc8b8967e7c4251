/**
 * The sandbox phone page's styles and script (src/core/messages/sandbox-phone-page.ts), served
 * from the edge itself so its CSP allows nothing else. Phone-first, light and dark.
 */
export const PHONE_PAGE_CSS = `:root{color-scheme:light dark;--bg:#f4f4f6;--fg:#17171c;--muted:#55555f;--card:#fff;--bubble:#e6e6eb;--accent:#0b57d0;--line:#c9c9d1}
@media (prefers-color-scheme:dark){:root{--bg:#111114;--fg:#ededf2;--muted:#b4b4bf;--card:#1c1c21;--bubble:#2a2a31;--accent:#8ab4f8;--line:#3a3a42}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header,main{max-width:32rem;margin:0 auto;padding:0 1rem}
header h1{font-size:1.25rem;margin:1rem 0 .25rem}
header p,.meta,.empty,.status{color:var(--muted);font-size:.875rem;margin:0}
a{color:var(--accent)}
.numbers{list-style:none;display:flex;gap:.5rem;overflow-x:auto;padding:.75rem 0;margin:0}
.numbers a{display:inline-block;padding:.5rem .75rem;min-height:44px;border:1px solid var(--line);border-radius:999px;text-decoration:none;white-space:nowrap;background:var(--card)}
.numbers a[aria-current]{border-color:var(--accent);font-weight:600}
.count{color:var(--muted);font-size:.8rem}
h2{font-size:1rem;margin:1rem 0 .5rem}
.texts{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem}
.text{background:var(--bubble);border-radius:1rem 1rem 1rem .25rem;padding:.6rem .8rem;max-width:90%;overflow-wrap:anywhere}
.body{margin:0 0 .25rem;white-space:pre-wrap}
.body a{display:inline-block;padding:.2rem 0}
.reply{display:grid;gap:.35rem;margin:1.25rem 0 2rem;padding:1rem;background:var(--card);border:1px solid var(--line);border-radius:.75rem}
.reply h2{margin:0 0 .25rem}
input,textarea,button{font:inherit;color:inherit;padding:.6rem;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);min-height:44px}
button{background:var(--accent);color:var(--bg);border:0;font-weight:600;cursor:pointer}
.new{position:sticky;bottom:0;padding:.75rem;background:var(--card);border-top:1px solid var(--line);margin:0}
`;

/** Looks for new texts every 2 s while shown: reloads when nothing is being typed, else offers to. */
export const PHONE_PAGE_SCRIPT = `(function(){
var newest=document.body.getAttribute('data-newest')||'';
var text=document.getElementById('text');
var notice=document.querySelector('.new');
function look(){
  if(document.visibilityState!=='visible')return;
  fetch('/__phone/texts.json',{cache:'no-store'}).then(function(r){return r.ok?r.json():null}).then(function(d){
    if(!d||!d.texts)return;
    var latest=d.texts.length?d.texts[0].id:'';
    if(latest===newest)return;
    if(text&&text.value===''&&document.activeElement!==text){location.reload();return;}
    if(notice){notice.hidden=false;notice.querySelector('a').setAttribute('href',location.href);}
  }).catch(function(){});
}
setInterval(look,2000);
})();
`;

/** A phone, so the browser asks for no /favicon.ico (the site's 404 would answer it). */
export const PHONE_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="4" y="1" width="8" height="14" rx="2" fill="#0b57d0"/><rect x="5.5" y="3" width="5" height="9" fill="#fff"/></svg>';
