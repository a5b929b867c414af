// Scaffold: replaced by the screen of issue 18.
export default function ProcedureEditPage() {
  return null;
}
