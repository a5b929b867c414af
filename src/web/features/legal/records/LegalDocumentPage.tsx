// Scaffold: replaced by the screen of issue 17.
export default function LegalDocumentPage() {
  return null;
}
