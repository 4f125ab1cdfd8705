export default defineBackground(() => {
  // Wired to lib/ by the engine work.
});
