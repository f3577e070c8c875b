// mockserver dashboard: a little vanilla JS over the server's own /v1 and /_mock endpoints.
"use strict";
(() => {
  const apiKey = document.querySelector('meta[name="mockserver-api-key"]')?.content;
  const REFRESH_MS = 1500;

  function flash(message, bad) {
    const box = document.createElement("div");
    box.textContent = message;
    if (bad) box.className = "bad";
    document.getElementById("flash").append(box);
    setTimeout(() => box.remove(), bad ? 8000 : 3000);
  }

  // A JSON (or multipart) call; the API key goes with /v1 and the caller-scoped /_mock routes.
  async function call(method, url, body) {
    const headers = { Accept: "application/json" };
    if (apiKey && (url.startsWith("/v1/") || url === "/_mock/explain")) headers.Authorization = `Bearer ${apiKey}`;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(url, { method, headers, body: payload, credentials: "same-origin" });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data?.error?.message || `${response.status} ${response.statusText}`);
    return data;
  }

  // Swap the page's <main> and clock for their current version, keeping the scroll position.
  async function refresh() {
    const response = await fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ["main", "clock"]) {
      const node = fresh.getElementById(id);
      if (node) document.getElementById(id).replaceWith(node);
    }
    lastNow = document.getElementById("clock")?.dataset.now;
  }

  // Live pages follow the server's clock: when it has moved, the page is fetched again.
  let lastNow = document.getElementById("clock")?.dataset.now;
  async function poll() {
    if (!document.hidden && document.getElementById("main")?.dataset.live) {
      try {
        const clock = await call("GET", "/_mock/clock");
        if (String(clock.now) !== lastNow) await refresh();
      } catch (error) { /* the server may be restarting; try again on the next tick */ }
    }
    setTimeout(poll, REFRESH_MS);
  }
  setTimeout(poll, REFRESH_MS);

  async function busy(element, work) {
    element.disabled = true;
    try { await work(); } catch (error) { flash(error.message, true); } finally { element.disabled = false; }
  }

  const actions = {
    async advance(button) {
      const clock = await call("POST", "/_mock/clock/advance", { seconds: Number(button.dataset.seconds) });
      flash(`Clock moved to ${new Date(clock.now * 1000).toISOString().replace(".000Z", "Z")}`);
      await refresh();
    },
    async job(button) {
      const jobId = button.closest("[data-job]").dataset.job;
      const job = await call("POST", `/v1/fine_tuning/jobs/${jobId}/${button.dataset.verb}`);
      flash(`${jobId}: ${job.status}`);
      await refresh();
    },
  };

  function fields(form) {
    const values = {};
    for (const [name, value] of new FormData(form).entries()) if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
    return values;
  }

  function epochs(value) { return value && /^\d+$/.test(value) ? Number(value) : value; }

  const forms = {
    async upload(form) {
      const file = await call("POST", "/v1/files", new FormData(form));
      location.href = file.purpose === "fine-tune" ? `/_mock/ui/files/${file.id}` : "/_mock/ui/files";
    },
    async "create-job"(form) {
      const values = fields(form);
      const body = { model: values.model, training_file: values.training_file };
      if (values.suffix) body.suffix = values.suffix;
      if (values.n_epochs && values.n_epochs !== "auto") body.method = { type: "supervised", supervised: { hyperparameters: { n_epochs: epochs(values.n_epochs) } } };
      const job = await call("POST", "/v1/fine_tuning/jobs", body);
      location.href = `/_mock/ui/jobs/${job.id}`;
    },
    async script(form) {
      const values = fields(form);
      const body = { outcome: values.outcome };
      if (values.outcome === "fail") {
        if (values.fail_at) body.fail_at = /^\d+$/.test(values.fail_at) ? Number(values.fail_at) : values.fail_at;
        if (values.error_code) body.error_code = values.error_code;
      }
      if (values.outcome === "stay" && values.status) body.status = values.status;
      await call("POST", `/_mock/jobs/${form.dataset.job}/script`, body);
      flash(`Scripted: ${values.outcome}`);
      await refresh();
    },
    async chat(form) {
      const values = fields(form);
      const model = values.model;
      const base = form.querySelector(`option[value="${CSS.escape(model)}"]`).dataset.base;
      const messages = [];
      if (values.system) messages.push({ role: "system", content: values.system });
      messages.push({ role: "user", content: values.user || "" });
      document.getElementById("ft-name").textContent = model;
      document.getElementById("base-name").textContent = base;
      const [tuned, plain, why] = await Promise.all([
        call("POST", "/v1/chat/completions", { model, messages }),
        call("POST", "/v1/chat/completions", { model: base, messages }),
        call("POST", "/_mock/explain", { model, messages }),
      ]);
      show("ft", tuned);
      show("base", plain);
      explain(why);
    },
  };

  function show(column, completion) {
    const answer = document.getElementById(`${column}-answer`);
    answer.textContent = completion.choices[0].message.content ?? JSON.stringify(completion.choices[0].message.tool_calls);
    answer.classList.remove("muted");
    const usage = completion.usage;
    document.getElementById(`${column}-usage`).textContent = `${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens · ${completion.id}`;
  }

  function explain(why) {
    const box = document.getElementById("explain");
    box.replaceChildren();
    const line = document.createElement("p");
    if (why.source === "training") {
      line.append(`Answered by training example #${why.example}`);
      if (why.line) {
        line.append(" (");
        const link = document.createElement("a");
        link.href = `/_mock/ui/files/${why.training_file}/lines?line=${why.line}#L${why.line}`;
        link.textContent = `line ${why.line} of ${why.training_file}`;
        line.append(link, ")");
      }
      line.append(`, match ${Math.round(why.score * 100)}%.`);
      box.append(line);
      if (why.question) {
        const quote = document.createElement("blockquote");
        quote.textContent = why.question;
        box.append(quote);
      }
    } else {
      line.textContent = why.source === "fallback"
        ? "No training example matched well enough: the model answered with its fallback, in the training answers' style."
        : `Answered by the base model's ${why.source} reply.`;
      box.append(line);
    }
    box.id = "explain";
    box.dataset.source = why.source;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action]) busy(button, () => actions[button.dataset.action](button));
  });
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-form]");
    if (!form || !forms[form.dataset.form]) return;
    event.preventDefault();
    busy(form.querySelector("button[type=submit]") || form, () => forms[form.dataset.form](form));
  });
})();
