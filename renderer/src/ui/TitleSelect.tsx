/** A <select> among things that have an id and a title: shows the title, answers the id. */
export function TitleSelect(props: { name: string; value: string; options: ReadonlyArray<{ id: string; title: string }>; onChange: (id: string) => void }) {
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.title}
        </option>
      ))}
    </select>
  );
}
