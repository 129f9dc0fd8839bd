// Home page: a filter that changes re-runs the current search (the form works without this script).
document.querySelectorAll("fieldset.filters select, fieldset.filters input").forEach((control) => {
  control.addEventListener("change", () => {
    const form = control.form;
    if (form.querySelector("#q").value.trim()) form.querySelector("button.apply").click();
  });
});
