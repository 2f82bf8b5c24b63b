// oiar sign-in: an API key is exchanged for a session cookie (HttpOnly, set by the server).
// The key never goes to localStorage or sessionStorage; the input is cleared once it is sent.
"use strict";

const $ = (id) => document.getElementById(id);

function destination(session) {
  return session.role === "respondent" ? "/chat" : "/console";
}

function fail(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

async function readError(response) {
  try {
    const data = await response.json();
    if (data && data.error && data.error.message) return data.error.message;
  } catch (_) {
    // not JSON: fall back to the status line
  }
  return `${response.status} ${response.statusText}`;
}

// A live session goes straight on: nobody signs in twice.
async function resume() {
  try {
    const response = await fetch("/web/session", {
      credentials: "same-origin",
      cache: "no-store",
    });
    if (response.ok) {
      window.location.replace(destination(await response.json()));
      return;
    }
  } catch (_) {
    // offline or the server is down: the form below still works once it is back
  }
  $("key").focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = $("key");
  const key = input.value.trim();
  if (!key) {
    fail("Paste your API key first.");
    input.focus();
    return;
  }
  const button = $("signin-go");
  button.disabled = true;
  try {
    const response = await fetch("/web/session", {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key }),
    });
    if (!response.ok) {
      const message = await readError(response);
      fail(
        response.status === 401
          ? "That key is unknown or has been revoked. Check it with whoever gave it to you."
          : message,
      );
      input.select();
      return;
    }
    input.value = "";
    fail("");
    window.location.assign(destination(await response.json()));
  } catch (_) {
    fail("Could not reach the server. Check your connection and try again.");
  } finally {
    button.disabled = false;
  }
}

$("signin-form").addEventListener("submit", signIn);
resume();
