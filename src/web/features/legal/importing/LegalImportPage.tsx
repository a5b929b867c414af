// Scaffold: replaced by the screen of issue 17.
export default function LegalImportPage() {
  return null;
}
