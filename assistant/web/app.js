// oiar web front end: a chat page for respondents and a results page for viewers.
// Plain JavaScript, no build step, no third-party code. The API key is kept in sessionStorage
// (or localStorage when "remember" is ticked) and sent as a bearer header; never in a URL.
"use strict";

const KEY = "oiar.key";
const ORG = "oiar.org";
const $ = (id) => document.getElementById(id);
const SECTIONS = ["signin", "start", "chat", "results"];

const store = {
  get(name) {
    return sessionStorage.getItem(name) || localStorage.getItem(name) || "";
  },
  set(name, value, remember) {
    sessionStorage.setItem(name, value);
    if (remember) localStorage.setItem(name, value);
  },
  // Signing out forgets the key; the organization id is no secret and saves retyping.
  clear() {
    for (const s of [sessionStorage, localStorage]) s.removeItem(KEY);
  },
};

let current = { interviewId: null, question: null, busy: false };

function show(section) {
  for (const id of SECTIONS) $(id).hidden = id !== section;
  $("nav-interview").classList.toggle("active", section === "start" || section === "chat");
  $("nav-results").classList.toggle("active", section === "results");
  $("sign-out").hidden = !store.get(KEY);
}

function fail(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body, accept) {
  const headers = { Authorization: "Bearer " + store.get(KEY) };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (accept) headers.Accept = accept;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try {
      const data = await response.json();
      if (data && data.error) message = data.error.message;
    } catch (_) {
      // not JSON: keep the status line
    }
    if (response.status === 401) {
      message += " — check the API key (Sign out, then sign in again).";
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

// The engine speaks Slack-style mrkdwn: *bold* and _italic_. Escape first, then mark up.
function mrkdwn(text) {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  return escaped
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s.,;:!?)]|$)/g, "$1<strong>$2</strong>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s.,;:!?)]|$)/g, "$1<em>$2</em>");
}

function addMessage(who, text) {
  const div = document.createElement("div");
  div.className = "msg " + (who === "respondent" || who === "me" ? "me" : "bot");
  div.innerHTML = mrkdwn(text);
  $("messages").appendChild(div);
  div.scrollIntoView({ block: "end" });
}

function choicesOf(question) {
  if (!question) return [];
  if (question.type === "scale_1_5") return ["1", "2", "3", "4", "5"];
  if (question.type === "yes_no") return ["Yes", "No"];
  if (question.type === "choice") return question.choices || [];
  return [];
}

function showTurn(turn) {
  current.question = turn.question;
  const p = turn.progress;
  const handled = p.answered + p.skipped;
  const pct = p.total ? Math.round((100 * handled) / p.total) : 100;
  $("progress-bar").style.width = pct + "%";
  $("progress").setAttribute("aria-valuenow", String(pct));
  $("progress-text").textContent = `${handled} of ${p.total}`;
  const buttons = $("buttons");
  buttons.replaceChildren();
  for (const label of choicesOf(turn.question)) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.choice = label;
    b.addEventListener("click", () => send(label));
    buttons.appendChild(b);
  }
  $("question-card").hidden = !turn.question;
  $("question-why").textContent = turn.question ? turn.question.why : "";
  $("done").hidden = !turn.done;
  $("answer-form").hidden = turn.done;
  if (!turn.done) $("answer").focus();
}

function openChat(interviewId) {
  current.interviewId = interviewId;
  const link = `#/interview/${encodeURIComponent(interviewId)}`;
  $("resume-link").href = link;
  $("resume-link").textContent = location.origin + location.pathname + link;
  if (location.hash !== link) history.replaceState(null, "", link);
  show("chat");
}

async function start(respondentId) {
  const org = store.get(ORG);
  const response = await api("POST", `/v1/orgs/${encodeURIComponent(org)}/interviews`, {
    respondent_id: respondentId,
  });
  const turn = await response.json();
  $("messages").replaceChildren();
  openChat(turn.interview_id);
  addMessage("assistant", turn.reply);
  showTurn(turn);
}

async function resume(interviewId) {
  const response = await api("GET", `/v1/interviews/${encodeURIComponent(interviewId)}`);
  const record = await response.json();
  $("messages").replaceChildren();
  openChat(record.id);
  for (const m of record.transcript) addMessage(m.sender || m.role || "assistant", m.text);
  const done = record.status === "done";
  if (!done && record.question) {
    addMessage("assistant", `Welcome back. ${record.question.number} of ${record.question.total}: *${record.question.text}*`);
  }
  showTurn({ question: record.question, progress: record.progress, done });
}

async function send(text) {
  if (current.busy || !text.trim()) return;
  current.busy = true;
  $("send").disabled = true;
  addMessage("me", text);
  $("answer").value = "";
  try {
    const response = await api(
      "POST",
      `/v1/interviews/${encodeURIComponent(current.interviewId)}/messages`,
      { text },
    );
    const turn = await response.json();
    fail("");
    addMessage("assistant", turn.reply);
    showTurn(turn);
  } catch (err) {
    fail(err.message);
  } finally {
    current.busy = false;
    $("send").disabled = false;
  }
}

function reportPath(format) {
  return `/v1/orgs/${encodeURIComponent(store.get(ORG))}/report?format=${format}`;
}

let reportHtml = "";

async function loadResults() {
  show("results");
  const frame = $("report");
  try {
    const response = await api("GET", reportPath("html"), undefined, "text/html");
    reportHtml = await response.text();
    frame.srcdoc = reportHtml;
    fail("");
    const top = new DOMParser()
      .parseFromString(reportHtml, "text/html")
      .querySelector("tr[data-rank='1']");
    const pill = $("top-domain");
    pill.hidden = !top;
    if (top) {
      pill.dataset.domain = top.dataset.domain;
      pill.textContent = "Top drag: " + top.children[1].textContent;
    }
  } catch (err) {
    frame.srcdoc = "";
    fail(err.status === 403 ? err.message + ". Results need a viewer, facilitator or admin key." : err.message);
  }
}

async function download(format) {
  try {
    const response = await api("GET", reportPath(format));
    const blob = await response.blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${store.get(ORG)}-oiar-report.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch (err) {
    fail(err.message);
  }
}

function hashParams() {
  const query = location.hash.split("?")[1] || "";
  return new URLSearchParams(query);
}

function route() {
  fail("");
  const hash = location.hash.replace(/^#/, "") || "/";
  const path = hash.split("?")[0];
  const params = hashParams();
  if (params.get("org")) $("org").value = params.get("org");
  else if (!$("org").value) $("org").value = store.get(ORG);
  if (params.get("respondent")) $("respondent").value = params.get("respondent");
  if (!store.get(KEY) || !store.get(ORG)) {
    show("signin");
    return;
  }
  const match = path.match(/^\/interview\/([A-Za-z0-9_-]+)$/);
  if (match) {
    if (current.interviewId === match[1] && !$("chat").hidden) return;
    resume(match[1]).catch((err) => {
      show("start");
      fail(err.message);
    });
  } else if (path === "/results") {
    loadResults();
  } else {
    show("start");
  }
}

$("signin-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const remember = $("remember").checked;
  store.set(KEY, $("key").value.trim(), remember);
  store.set(ORG, $("org").value.trim(), remember);
  $("key").value = "";
  route();
});

$("start-form").addEventListener("submit", (event) => {
  event.preventDefault();
  start($("respondent").value.trim()).catch((err) => fail(err.message));
});

$("resume-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const id = $("resume-id").value.trim();
  if (id) location.hash = `#/interview/${encodeURIComponent(id)}`;
});

$("answer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  send($("answer").value);
});

for (const b of document.querySelectorAll("[data-say]")) {
  b.addEventListener("click", () => send(b.dataset.say));
}
for (const b of document.querySelectorAll("[data-download]")) {
  b.addEventListener("click", () => download(b.dataset.download));
}
$("refresh").addEventListener("click", loadResults);
$("print").addEventListener("click", () => {
  if (!reportHtml) return;
  const url = URL.createObjectURL(new Blob([reportHtml], { type: "text/html" }));
  window.open(url, "_blank", "noopener");
});
$("sign-out").addEventListener("click", () => {
  store.clear();
  current = { interviewId: null, question: null, busy: false };
  location.hash = "#/";
  route();
});
window.addEventListener("hashchange", route);
route();
