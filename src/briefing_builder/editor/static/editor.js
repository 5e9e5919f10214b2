// The editor's few enhancements. Without them the form still works: every button posts it.
// With them: findings and pictures follow the typing, points are added, moved and removed
// in place, Save keeps the page, and what is typed is kept in this browser until it is saved.
"use strict";
(function () {
  const form = document.getElementById("editor");
  if (!form) return;
  const name = form.dataset.name;
  const draftKey = "briefing-draft:" + location.pathname;
  let csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const serial = () => new URLSearchParams(
    [...new FormData(form)].filter(([k]) => k !== "csrf" && k !== "base")).toString();
  let loaded = serial();

  async function post(path, body, accept) {
    const send = () => fetch(path, {method: "POST", body, credentials: "same-origin",
      headers: {"X-CSRF-Token": csrf, "Accept": accept || "application/json",
                "Content-Type": "application/x-www-form-urlencoded"}});
    let answer = await send();
    if (answer.status === 403) {  // the editor was started again: its form token is new
      const fresh = await fetch("/csrf", {credentials: "same-origin"});
      if (fresh.ok) { csrf = (await fresh.json()).csrf; answer = await send(); }
    }
    return answer;
  }
  const body = (entries) => {
    const params = new URLSearchParams(entries || [...new FormData(form)]);
    params.set("csrf", csrf);
    return params;
  };

  // Words, counted as the builder counts them.
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;
  function countWords(group) {
    const meter = group && $(group.id + "-meter");
    if (!meter) return;
    let words = 0;
    group.querySelectorAll("textarea[name$='.text'], [name$='.item']").forEach((c) => {
      words += (c.value.replace(/\]\([^)]*\)/g, "]").match(WORD) || []).length;
    });
    meter.querySelector("[data-words]").textContent = words + " words";
  }

  // What is typed is kept here until it is saved.
  function keepDraft() {
    const now = serial();
    if (now === loaded) { localStorage.removeItem(draftKey); return; }
    localStorage.setItem(draftKey, JSON.stringify({
      entries: [...new FormData(form)].filter(([k]) => k !== "csrf"),
      base: $("base").value, at: Date.now()}));
  }
  function forgetDraft() { localStorage.removeItem(draftKey); loaded = serial(); }

  // Checks as the author types: one request at a time, the latest form each time.
  let timer = null, running = false, again = false;
  function schedule() { clearTimeout(timer); timer = setTimeout(runCheck, 250); }
  async function runCheck() {
    if (running) { again = true; return; }
    running = true;
    try {
      const answer = await post(`/b/${name}/check`, body());
      if (answer.ok) show(await answer.json());
    } catch (e) { /* the editor is away: the draft is kept, the next keystroke tries again */ }
    running = false;
    if (again) { again = false; runCheck(); }
  }

  function show(result) {
    const groups = {};
    result.findings.forEach((f) => (groups[f.group] = groups[f.group] || []).push(f));
    form.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
    document.querySelectorAll(".findings").forEach((region) => {
      const group = region.id.replace(/-findings$/, "");
      const list = document.createElement("ul");
      (groups[group] || []).forEach((f) => {
        const item = list.appendChild(document.createElement("li"));
        item.className = f.severity;
        const mark = item.appendChild(document.createElement("span"));
        mark.className = "severity";
        mark.textContent = f.severity === "error" ? "Error:" : "Warning:";
        item.append(" " + f.message);
        if (f.suggestion) {
          const hint = item.appendChild(document.createElement("span"));
          hint.className = "suggestion";
          hint.textContent = " (" + f.suggestion + ")";
        }
        const control = $(f.control) || $(group + "-text");
        if (control) control.setAttribute("aria-invalid", "true");
      });
      const html = list.children.length ? list.outerHTML : "";
      if (region.innerHTML !== html) region.innerHTML = html;
    });
    const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const summary = result.errors || result.warnings
      ? `${plural(result.errors, "error")}, ${plural(result.warnings, "warning")}` +
        (result.errors ? ": the briefing can be saved, but not built until the errors are put right." : ".")
      : "No problems found.";
    if ($("summary").textContent !== summary) $("summary").textContent = summary;
    Object.entries(result.words).forEach(([group, words]) => {
      const meter = $(group + "-meter");
      if (!meter) return;
      meter.querySelector("[data-words]").textContent = words + " words";
      const fill = result.fill[group];
      meter.querySelector("[data-fill]").textContent =
        fill === undefined ? "" : `fills ${fill}% of its box`;
    });
    showPages(result);
  }

  function showPages(result) {
    const state = $("preview-state");
    if (!result.readable || !result.pages) {
      state.textContent = "The pictures are of the last version that could be laid out: " +
        "put right the errors above to see this one.";
      return;
    }
    state.textContent = result.text_size
      ? `Printed at text size ${result.text_size} pt.`
      : `Too long: it does not fit even at the smallest text size, ${result.smallest} pt.`;
    [1, 2].forEach((n) => {
      const img = $("page-" + n);
      img.hidden = result.pages < n;
      if (result.pages >= n) img.src = `/b/${name}/preview/${result.key}/${n}.png`;
    });
    const none = $("no-page-2");
    if (none) none.hidden = result.pages >= 2;
    const marks = $("marks"), list = $("overflows");
    marks.replaceChildren();
    list.replaceChildren();
    result.marks.forEach((m) => {
      const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      ["x", "y", "width", "height"].forEach((k) => rect.setAttribute(k, m[k]));
      marks.appendChild(rect);
      list.appendChild(document.createElement("li")).textContent =
        "Marked on the picture: " + m.message;
    });
  }

  // Points added, moved and removed in place; numbers, labels and names follow.
  function renumber(list) {
    [...list.children].forEach((row, i) => {
      [row, ...row.querySelectorAll("[id]")].forEach((e) => {
        e.id = e.id.replace(/-(\d+|N)$/, "-" + i);
      });
      row.querySelectorAll("label").forEach((l) => (l.htmlFor = l.htmlFor.replace(/-(\d+|N)$/, "-" + i)));
      row.querySelectorAll("[data-n]").forEach((n) => (n.textContent = i + 1));
      row.querySelectorAll("button[value]").forEach((b) => (b.value = b.value.replace(/:(\d+|N)$/, ":" + i)));
    });
  }
  function act(button) {
    const verb = button.dataset.act;
    const field = button.closest("fieldset.list-field, .panel-field, fieldset.points");
    const list = verb === "add"
      ? $(button.id.replace(/-add$/, "-items"))
      : button.closest("ol.items");
    const row = button.closest("li.item");
    const said = $("list-status");
    if (verb === "add") {
      const template = $(button.id.replace(/-add$/, "-template"));
      list.appendChild(template.content.cloneNode(true));
      renumber(list);
      list.lastElementChild.querySelector("textarea, input").focus();
      said.textContent = "Added " + list.lastElementChild.querySelector("label").textContent + ".";
    } else if (verb === "remove") {
      const label = row.querySelector("label").textContent;
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(list);
      (next ? next.querySelector("textarea, input") : $(list.id.replace(/-items$/, "-add"))).focus();
      said.textContent = "Removed " + label + ".";
    } else {
      const other = verb === "up" ? row.previousElementSibling : row.nextElementSibling;
      if (other) {
        list.insertBefore(row, verb === "up" ? other : other.nextElementSibling);
        renumber(list);
        button.focus();
      }
      said.textContent = row.querySelector("label").textContent +
        (other ? (verb === "up" ? " moved up." : " moved down.") : " cannot move further.");
    }
    countWords(field && field.closest(".panel-field"));
    keepDraft();
    schedule();
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-act]");
    if (!button) return;
    event.preventDefault();
    act(button);
  });
  form.addEventListener("input", (event) => {
    countWords(event.target.closest(".panel-field"));
    keepDraft();
    schedule();
  });

  // Save keeps the page; a refusal says why, and the draft stays in this browser.
  async function save(base) {
    const params = body();
    if (base) params.set("base", base);
    const said = $("save-state"), alarm = $("save-alert");
    alarm.textContent = "";
    let answer;
    try {
      answer = await post(`/b/${name}/save`, params);
    } catch (e) {
      alarm.textContent = "Not saved: the editor cannot be reached (is `briefing serve` " +
        "still running?). What you typed is kept in this browser and comes back when you open this page again.";
      return false;
    }
    if (answer.ok) {
      $("base").value = (await answer.json()).base;
      forgetDraft();
      $("conflict").hidden = true;
      said.textContent = "Saved at " + new Date().toLocaleTimeString("en-GB") + ".";
      return true;
    }
    if (answer.status === 409) {
      const clash = await answer.json();
      $("theirs").textContent = clash.theirs;
      $("yours").textContent = clash.yours;
      $("conflict").hidden = false;
      $("force-save").hidden = false;
      $("force-save").dataset.base = clash.digest;
      $("conflict-alert").textContent = `Not saved: ${name}.yaml was changed on disk since you ` +
        "opened it, so nothing was overwritten. Both versions are below: your changes are still in the form.";
      return false;
    }
    alarm.textContent = `Not saved: the editor answered “${(await answer.text()).slice(0, 200)}”. ` +
      "What you typed is kept in this browser.";
    return false;
  }
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.id === "save") {
      event.preventDefault();
      save();
    }  // the build buttons post the form: the editor saves it, then builds
  });
  $("force-save").addEventListener("click", () => save($("force-save").dataset.base));

  // A draft kept from before (a restart, a failed save, a closed tab) is put back.
  async function restore() {
    let kept;
    try { kept = JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.entries) return;
    const entries = kept.entries.filter(([k]) => k !== "csrf");
    if (new URLSearchParams(entries.filter(([k]) => k !== "base")).toString() === loaded) {
      localStorage.removeItem(draftKey);
      return;
    }
    const answer = await post(`/b/${name}/form?part=fields`, body(entries), "text/html");
    if (!answer.ok) return;
    $("fields").innerHTML = await answer.text();
    $("base").value = kept.base;
    $("draft-words").textContent = "Put back the changes you had not saved, from " +
      new Date(kept.at).toLocaleString("en-GB") + ".";
    $("draft-note").hidden = false;
    runCheck();
  }
  $("discard-draft").addEventListener("click", () => {
    localStorage.removeItem(draftKey);
    location.reload();
  });
  restore();
})();
