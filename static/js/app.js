// Our own small script. htmx does the rest; nothing here is required for a page to work.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) target.setAttribute("aria-busy", "false");
});
