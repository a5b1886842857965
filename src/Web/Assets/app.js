// ClinicalAgent web app: the one script. It streams the chat answer (Server-Sent Events over fetch, so the question
// is a POST), shows each tool step as it completes, links citations and shows cited images, and lets the person
// approve or reject the writes the agent proposed. Without it the pages still read; only the chat needs it.

const chat = document.querySelector('.chat');
if (chat) {
  const form = chat.querySelector('#ask');
  const question = chat.querySelector('#question');
  const steps = chat.querySelector('#steps');
  const answer = chat.querySelector('#answer');
  const status = chat.querySelector('#chat-status');
  const writes = chat.querySelector('#writes');
  const writeList = chat.querySelector('#write-list');
  const patientId = chat.dataset.patient;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) { question.focus(); return; }
    const button = form.querySelector('button');
    button.disabled = true;
    steps.replaceChildren();
    answer.replaceChildren();
    answer.setAttribute('aria-busy', 'true');
    status.textContent = 'Answering…';
    try {
      const response = await fetch('/app/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
        body: JSON.stringify({ patientId, question: text }),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw new Error(body.error || `The server answered ${response.status}.`);
      }
      await readEvents(response.body, handle);
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
    } finally {
      answer.setAttribute('aria-busy', 'false');
      button.disabled = false;
    }
  });

  function handle(name, data) {
    if (name === 'token') {
      answer.append(document.createTextNode(data.text));
    } else if (name === 'step') {
      const item = document.createElement('li');
      item.textContent = data.tool
        ? `Tool ${data.tool}${data.error ? ' failed: ' + data.error : ' done'} (${data.ms} ms)`
        : `Model step (${data.ms} ms)`;
      steps.append(item);
    } else if (name === 'done') {
      renderAnswer(data);
      status.classList.remove('error');
      status.textContent = data.stopped === 'Answered' ? 'Answered.' : `Stopped: ${data.stopped}.`;
    } else if (name === 'error') {
      status.textContent = data.message;
      status.classList.add('error');
    }
  }

  // The final text replaces the streamed one so that each cited resource id becomes a link to its page.
  function renderAnswer(data) {
    answer.replaceChildren();
    const cited = new Map(data.citations.map((c) => [c.id, c.href]));
    const pattern = /\b([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})/g;
    let last = 0;
    for (const match of data.text.matchAll(pattern)) {
      const href = cited.get(match[1]);
      if (!href) continue;
      answer.append(document.createTextNode(data.text.slice(last, match.index)));
      const link = document.createElement('a');
      link.href = href;
      link.textContent = match[1];
      link.className = 'citation';
      answer.append(link);
      last = match.index + match[1].length;
    }
    answer.append(document.createTextNode(data.text.slice(last)));
    for (const image of data.images) {
      const img = document.createElement('img');
      img.src = image.href;
      img.alt = `Cited image ${image.id}`;
      answer.append(img);
    }
    for (const write of data.writes) addWrite(write);
  }

  function addWrite(write) {
    writes.hidden = false;
    const item = document.createElement('li');
    item.className = 'write';
    item.dataset.write = write.id;
    const title = document.createElement('h4');
    title.id = `write-${write.id}`;
    title.textContent = `${write.summary} (${write.resourceType}, proposed by ${write.tool})`;
    item.setAttribute('aria-labelledby', title.id);
    const pre = document.createElement('pre');
    pre.textContent = write.resource;
    pre.setAttribute('aria-label', `Proposed ${write.resourceType}`);
    pre.tabIndex = 0;
    const outcome = document.createElement('p');
    outcome.setAttribute('role', 'status');
    const approve = button('Approve', () => decide(write, 'approve', outcome, [approve, reject]));
    const reject = button('Reject', () => decide(write, 'reject', outcome, [approve, reject]));
    reject.classList.add('secondary');
    approve.setAttribute('aria-describedby', title.id);
    reject.setAttribute('aria-describedby', title.id);
    item.append(title, pre, approve, document.createTextNode(' '), reject, outcome);
    writeList.append(item);
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  async function decide(write, action, outcome, buttons) {
    buttons.forEach((b) => { b.disabled = true; });
    const response = await fetch(`/app/api/writes/${encodeURIComponent(write.id)}/${action}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: null }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      outcome.textContent = body.error || `The server answered ${response.status}.`;
      outcome.classList.add('error');
      if (response.status === 502) buttons.forEach((b) => { b.disabled = false; });
      return;
    }
    outcome.replaceChildren();
    if (body.status === 'written') {
      outcome.append(document.createTextNode(`Written by ${body.by}: `));
      const link = document.createElement('a');
      link.href = body.href;
      link.textContent = body.resource;
      outcome.append(link);
    } else {
      outcome.textContent = `Rejected by ${body.by}; nothing written.`;
    }
  }
}

// Reads a text/event-stream body: "event: NAME" and "data: JSON" lines, events separated by a blank line.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}
